#pragma once
// Storage contract for sessions (implemented in db/). Throws db::DatabaseError on failure.

#include <optional>
#include <string>

#include "services/session.hpp"
#include "services/user.hpp"

namespace accountd::services {

struct SessionWithUser {
    Session session;
    User user;
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
    /// Removes every session of the user but `keep` (all of them when keep is empty).
    virtual void remove_all_for_user_except(std::uint64_t user_id,
                                            std::optional<std::uint64_t> keep) = 0;
};

}  // namespace accountd::services
