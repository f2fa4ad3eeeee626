#pragma once
// A sign-in from start to finish, the same for every dialect: identify the account, claim a
// throttle attempt, verify the password (rehashing old hashes), decide whether a second factor
// is due, hold a pending sign-in for it, complete that with a TOTP or recovery code, start the
// session, and record each outcome in the activity log and the service log. Dialects only parse
// their request and render the outcome; a passkey plugs in here as another factor.

#include <optional>
#include <string>
#include <string_view>

#include "server/logger.hpp"
#include "services/activity_service.hpp"
#include "services/auth_service.hpp"
#include "services/session_service.hpp"
#include "services/throttle.hpp"
#include "services/two_factor_service.hpp"
#include "services/user_repository.hpp"

namespace accountd::services {

/// Who is signing in, as the request shows it.
struct SignInClient {
    SignInClient(std::string ip, std::string_view user_agent, std::string dialect)
        : ip(std::move(ip)), user_agent(user_agent.substr(0, 255)), dialect(std::move(dialect)) {}

    std::string ip;
    std::string user_agent;  ///< at most 255 bytes (what sessions and activity store)
    std::string dialect;     ///< the session (or pending sign-in) belongs to this dialect only
};

/// A sign-in that was not refused.
struct SignInOutcome {
    enum class Status {
        completed,             ///< `session` holds the new session and its token
        second_factor_needed,  ///< `confirmation_token` goes to the client for the checkpoint
    };
    Status status = Status::completed;
    User user;
    IssuedSession session;
    std::string confirmation_token;
};

/// The second factor a checkpoint is completed with; the recovery code wins when both are set,
/// unless `every_factor` (EcliPanel: each factor sent must pass).
struct SecondFactor {
    std::optional<std::string> totp_code;
    std::optional<std::string> recovery_code;
    bool every_factor = false;
};

/// How long a refused password sign-in takes at least, measured on `pacer` from the moment it
/// starts. The time a wrong password takes would otherwise tell the stored hash's kind and cost
/// (bcrypt imported from a panel, argon2id with other parameters) and whether an account
/// exists at all; padding every failure to one floor hides all of it, as long as the floor is
/// above the slowest verification.
struct FailurePadding {
    const Pacer* pacer = nullptr;  ///< none: no padding
    std::chrono::milliseconds floor{0};
};

class SignInService {
  public:
    SignInService(AuthService& auth, LoginThrottle& throttle, TwoFactorService& two_factor,
                  SessionService& sessions, ActivityService& activity, UserRepository& users,
                  const server::Logger& log, FailurePadding padding = {});

    /// Refused attempts throw ServiceError: throttled (with the seconds to wait; nothing checked),
    /// busy (no password-hash slot came free; the attempt is not counted) or invalid_credentials
    /// for an unknown user, a wrong password or a suspended account (one answer for all, given
    /// no sooner than the padding's floor). Only a failure that names an account is recorded in
    /// the activity log (on that account). An account with two-factor gets second_factor_needed
    /// when `offer_checkpoint`, and invalid_credentials otherwise: the password alone never skips a
    /// second factor.
    SignInOutcome with_password(const PasswordLogin& attempt, const SignInClient& client,
                                const TokenMinter& mint, bool offer_checkpoint);

    /// Completes a pending sign-in. Throws ServiceError: throttled (per account and per IP, so a
    /// new confirmation token buys no new round of guesses) or two_factor (checkpoint_expired,
    /// checkpoint_code, checkpoint_recovery).
    SignInOutcome with_second_factor(const std::string& confirmation_token,
                                     const SecondFactor& factor, const SignInClient& client,
                                     const TokenMinter& mint);

  private:
    /// `factor`: what completed the sign-in (password, two-factor, recovery-code).
    SignInOutcome complete(User user, const SignInClient& client, const TokenMinter& mint,
                           const char* factor);
    void record(const char* event, std::optional<std::uint64_t> actor,
                std::optional<std::uint64_t> subject, const SignInClient& client,
                const nlohmann::json& extra = nlohmann::json::object());

    AuthService& auth_;
    LoginThrottle& throttle_;
    TwoFactorService& two_factor_;
    SessionService& sessions_;
    ActivityService& activity_;
    UserRepository& users_;
    const server::Logger& log_;
    FailurePadding padding_;
};

}  // namespace accountd::services
