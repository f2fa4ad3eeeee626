#pragma once
// A request that carries the caller's current password (changing the e-mail address or the
// password, enabling or disabling two-factor) is a guess at that password. Without a limit, a
// stolen session or API key could guess far faster than the sign-in form allows, so these go
// through the sign-in throttle too: per client IP and account, per account, per client IP.

#include <cstdint>
#include <functional>
#include <string>

#include "server/logger.hpp"
#include "services/service_error.hpp"
#include "services/throttle.hpp"

namespace accountd::services {

class PasswordConfirmation {
  public:
    PasswordConfirmation(LoginThrottle& throttle, const server::Logger& log)
        : throttle_(throttle), log_(log) {}

    /// Claims one attempt for `user_id` from `ip`, then runs `change` (a service call that checks
    /// the password before anything else). Over a limit, throws ServiceError throttled without
    /// running it. A ServiceError wrong_password leaves the attempt counted and is logged; busy
    /// (the password was never checked) takes its hits back; any other outcome, success or not,
    /// gives it back as a success does. Every exception is rethrown.
    void run(std::uint64_t user_id, const std::string& ip, const std::function<void()>& change);

    /// As run(), for a change a TOTP code confirms instead of the password (EcliPanel enables
    /// and disables two-factor with a code alone): a guess at the code, counted under the
    /// account's own names; a ServiceError two_factor invalid_code (a wrong or replayed code)
    /// leaves the attempt counted.
    void run_with_code(std::uint64_t user_id, const std::string& ip,
                       const std::function<void()>& change);

  private:
    void run_counted(std::uint64_t user_id, const std::string& ip, const char* names_prefix,
                     bool (*is_guess)(const ServiceError&), const std::function<void()>& change);

    LoginThrottle& throttle_;
    const server::Logger& log_;
};

}  // namespace accountd::services
