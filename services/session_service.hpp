#pragma once
// Session rules: issue, resume (idle and absolute expiry), throttled last-used writes, end.
// The database is the only truth, so a logout takes effect on every worker at once.

#include <functional>
#include <optional>
#include <string>

#include "crypto/random.hpp"
#include "services/clock.hpp"
#include "services/session_repository.hpp"

namespace accountd::services {

struct SessionPolicy {
    int absolute_lifetime_seconds = 12 * 3600;
    int idle_timeout_seconds = 30 * 60;
    int touch_interval_seconds = 60;
};

struct IssuedSession {
    Session session;
    std::string token;  ///< the plaintext credential; shown once, in the cookie/body
};

/// Turns a fresh session row (public id, owner, times) into the dialect's token text. The token
/// must carry at least 256 bits that an attacker cannot guess.
using TokenMinter = std::function<std::string(const Session& session, crypto::RandomSource&)>;

class SessionService {
  public:
    SessionService(SessionRepository& repository, const Clock& clock, crypto::RandomSource& random,
                   std::string token_key, SessionPolicy policy);

    IssuedSession start(const User& user, const std::string& dialect, const std::string& ip,
                        const std::string& user_agent, const TokenMinter& mint);

    /// The live session behind `token`, or nullopt (unknown, expired, idle). Expired rows are
    /// deleted on sight. Updates last-used at most once per touch interval.
    std::optional<SessionWithUser> resume(const std::string& token, const std::string& ip);

    void end(const Session& session);
    /// Ends the user's session `public_id`; false when the user has no such session.
    bool end_owned(const std::string& public_id, std::uint64_t user_id);

    /// The user's live sessions of every dialect, newest first; `search`: a case-insensitive
    /// substring of the user agent.
    SessionPage list_for_user(std::uint64_t user_id, std::uint64_t offset, std::uint32_t limit,
                              const std::optional<std::string>& search) const;
    /// Ends the user's session `public_id` and returns it; nullopt when the user has no such
    /// session (someone else's answers the same).
    std::optional<Session> end_owned_session(const std::string& public_id, std::uint64_t user_id);
    /// Ends every session of the user but `keep` (all with none); returns how many ended.
    std::uint64_t end_all_except(std::uint64_t user_id, std::optional<std::uint64_t> keep);

    const SessionPolicy& policy() const { return policy_; }
    /// HMAC-SHA256 of a token under the token key: what the database stores.
    std::string token_hash(const std::string& token) const;

  private:
    SessionRepository& repository_;
    const Clock& clock_;
    crypto::RandomSource& random_;
    std::string token_key_;
    SessionPolicy policy_;
};

}  // namespace accountd::services
