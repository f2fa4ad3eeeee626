#pragma once
// Account activity records and their storage contract (implemented in db/).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/clock.hpp"
#include "services/user.hpp"

namespace accountd::services {

struct ActivityEntry {
    std::uint64_t id = 0;
    std::string event;  ///< Pterodactyl's names: auth:success, user:account.email-changed, ...
    std::string ip;
    std::optional<std::string> description;
    std::optional<std::uint64_t> actor_id;
    std::optional<std::uint64_t> subject_user_id;
    std::optional<std::uint64_t> api_key_id;
    std::string properties_json = "{}";  ///< a JSON object
    Timestamp created_at{};
    std::optional<User> actor;  ///< filled by list() for display
};

struct ActivityQuery {
    std::uint64_t subject_user_id = 0;
    /// Case-insensitive substrings of the event name, OR-ed; empty = every event.
    std::vector<std::string> event_contains;
    bool newest_first = true;
    std::uint32_t limit = 25;
    std::uint64_t offset = 0;
    /// Stored names that event_contains never matches: names a dialect shows under another
    /// name, so a search is on what the user sees (with event_in).
    std::vector<std::string> contains_skips;
    /// Stored names that match besides event_contains (exact). With event_contains empty and
    /// this not, only these match. Both empty: every event.
    std::vector<std::string> event_in;
};

struct ActivityPage {
    std::vector<ActivityEntry> entries;
    std::uint64_t total = 0;
};

class ActivityRepository {
  public:
    virtual ~ActivityRepository() = default;
    virtual void insert(const ActivityEntry& entry) = 0;
    virtual ActivityPage list(const ActivityQuery& query) = 0;
};

}  // namespace accountd::services
