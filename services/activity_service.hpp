#pragma once
// Records account events and lists them for the account's owner.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "services/activity.hpp"
#include "services/clock.hpp"

namespace accountd::services {

struct ActivityEvent {
    std::string event;
    std::optional<std::uint64_t> actor_id;         ///< null for a guest
    std::optional<std::uint64_t> subject_user_id;  ///< the account it is about
    std::string ip;
    nlohmann::json properties = nlohmann::json::object();
    std::optional<std::uint64_t> api_key_id;
};

class ActivityService {
  public:
    ActivityService(ActivityRepository& repository, const Clock& clock)
        : repository_(repository), clock_(clock) {}

    void record(const ActivityEvent& event);
    ActivityPage list(const ActivityQuery& query) { return repository_.list(query); }

  private:
    ActivityRepository& repository_;
    const Clock& clock_;
};

}  // namespace accountd::services
