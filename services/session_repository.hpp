#pragma once
// Storage contract for sessions (implemented in db/). Throws db::DatabaseError on failure.

#include <optional>
#include <string>
#include <vector>

#include "services/session.hpp"
#include "services/user.hpp"

namespace accountd::services {

struct SessionWithUser {
    Session session;
    User user;
};

/// Which of a user's sessions a list shows: live ones (not past their absolute end at `now`,
/// used at or after `used_since`), optionally only those whose user agent contains `search`
/// (case-insensitive; LIKE metacharacters match themselves).
struct SessionQuery {
    std::uint64_t user_id = 0;
    Timestamp now{};
    Timestamp used_since{};
    std::optional<std::string> search;
    std::uint64_t offset = 0;
    std::uint32_t limit = 25;
};

struct SessionPage {
    std::uint64_t total = 0;        ///< every session the query matches, not just this page
    std::vector<Session> sessions;  ///< newest first (creation, then id)
};

class SessionRepository {
  public:
    virtual ~SessionRepository() = default;
    /// Stores the session with the HMAC of its token; returns the new row id.
    virtual std::uint64_t insert(const Session& session, const std::string& token_hash) = 0;
    /// One read for the hot path: the session and its owner.
    virtual std::optional<SessionWithUser> find_by_token_hash(const std::string& token_hash) = 0;
    virtual void touch(std::uint64_t session_id, Timestamp now, const std::string& ip) = 0;
    virtual bool remove(std::uint64_t session_id) = 0;
    /// Removes a session only if `user_id` owns it; false when there was none.
    virtual bool remove_owned(const std::string& public_id, std::uint64_t user_id) = 0;
    /// Removes every session of the user but `keep` (all of them when keep is empty); returns
    /// how many it removed.
    virtual std::uint64_t remove_all_for_user_except(std::uint64_t user_id,
                                                     std::optional<std::uint64_t> keep) = 0;
    /// The session `public_id` if `user_id` owns it (live or not).
    virtual std::optional<Session> find_owned(const std::string& public_id,
                                              std::uint64_t user_id) = 0;
    /// The user's sessions of every dialect, as `query` selects them.
    virtual SessionPage list_for_user(const SessionQuery& query) = 0;
};

}  // namespace accountd::services
