#include "services/password_confirmation.hpp"

#include "services/service_error.hpp"

namespace accountd::services {

void PasswordConfirmation::run(std::uint64_t user_id, const std::string& ip,
                               const std::function<void()>& change) {
    // Its own names, so confirmations and sign-ins of one account do not use up each other's
    // per-account count; the per-IP count is shared.
    run_counted(
        user_id, ip, "confirm|",
        [](const ServiceError& e) { return e.kind() == ServiceError::Kind::wrong_password; },
        change);
}

void PasswordConfirmation::run_with_code(std::uint64_t user_id, const std::string& ip,
                                         const std::function<void()>& change) {
    run_counted(
        user_id, ip, "code|",
        [](const ServiceError& e) {
            return e.kind() == ServiceError::Kind::two_factor &&
                   e.two_factor_failure() == TwoFactorFailure::invalid_code;
        },
        change);
}

void PasswordConfirmation::run_counted(std::uint64_t user_id, const std::string& ip,
                                       const char* names_prefix,
                                       bool (*is_guess)(const ServiceError&),
                                       const std::function<void()>& change) {
    const std::string user = std::to_string(user_id);
    std::string account_name(names_prefix);
    account_name += user;
    const auto names = LoginThrottle::for_account(account_name);
    if (const auto wait = throttle_.claim(ip, names)) {
        log_.info("password_confirmation.throttled", {{"user", user}, {"ip", ip}});
        throw ServiceError::throttled(*wait);
    }
    try {
        change();
    } catch (const ServiceError& e) {
        if (is_guess(e)) {
            log_.info("password_confirmation.fail", {{"user", user}, {"ip", ip}});
        } else if (e.kind() == ServiceError::Kind::busy) {
            // Never checked (no hash slot came free): not a guess, and no success either.
            throttle_.abandoned(ip, names);
        } else {
            throttle_.succeeded(ip, names);
        }
        throw;
    } catch (...) {
        throttle_.succeeded(ip, names);
        throw;
    }
    // The change is stored by now; a failure to give the claim back must not turn it into an
    // error (enabling two-factor would then never show its recovery codes).
    try {
        throttle_.succeeded(ip, names);
    } catch (const std::exception&) {
        log_.warn("password_confirmation.settle_failed", {{"user", user}});
    }
}

}  // namespace accountd::services
