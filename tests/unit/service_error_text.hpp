#pragma once
// A ServiceError as one line of text, so a test asserts the exact refusal (kind, fields, rules,
// arguments, the two-factor failure, the password purpose, the wait) in one comparison that
// Boost.Test can print: "invalid_fields: allowed_ips.2 ip_range 10.0.0.300; description required".

#include <string>
#include <string_view>

#include "services/service_error.hpp"

namespace accountd::testing {

inline std::string_view rule_text(services::Rule rule) {
    using services::Rule;
    switch (rule) {
        case Rule::required:
            return "required";
        case Rule::string:
            return "string";
        case Rule::integer:
            return "integer";
        case Rule::array:
            return "array";
        case Rule::email:
            return "email";
        case Rule::min:
            return "min";
        case Rule::max:
            return "max";
        case Rule::max_items:
            return "max_items";
        case Rule::between:
            return "between";
        case Rule::size:
            return "size";
        case Rule::length:
            return "length";
        case Rule::confirmed:
            return "confirmed";
        case Rule::unique:
            return "unique";
        case Rule::guessable:
            return "guessable";
        case Rule::ip_range:
            return "ip_range";
        case Rule::narrower:
            return "narrower";
        case Rule::ssh_not_valid:
            return "ssh_not_valid";
        case Rule::ssh_dsa:
            return "ssh_dsa";
        case Rule::ssh_rsa_too_short:
            return "ssh_rsa_too_short";
        case Rule::ssh_duplicate:
            return "ssh_duplicate";
        case Rule::ssh_too_many:
            return "ssh_too_many";
    }
    return "?";
}

inline std::string_view failure_text(services::TwoFactorFailure failure) {
    using services::TwoFactorFailure;
    switch (failure) {
        case TwoFactorFailure::already_enabled:
            return "already_enabled";
        case TwoFactorFailure::not_set_up:
            return "not_set_up";
        case TwoFactorFailure::invalid_code:
            return "invalid_code";
        case TwoFactorFailure::checkpoint_code:
            return "checkpoint_code";
        case TwoFactorFailure::checkpoint_expired:
            return "checkpoint_expired";
        case TwoFactorFailure::checkpoint_recovery:
            return "checkpoint_recovery";
        case TwoFactorFailure::password_in_query:
            return "password_in_query";
    }
    return "?";
}

/// "kind" or "kind: detail" for `e`.
inline std::string error_text(const services::ServiceError& e) {
    using Kind = services::ServiceError::Kind;
    switch (e.kind()) {
        case Kind::invalid_fields: {
            std::string out = "invalid_fields:";
            bool first = true;
            for (const auto& v : e.violations()) {
                out += first ? " " : "; ";
                first = false;
                out += v.field;
                out += ' ';
                out += rule_text(v.rule);
                if (!v.argument.empty()) out += ' ' + v.argument;
            }
            return out;
        }
        case Kind::invalid_credentials:
            return "invalid_credentials";
        case Kind::wrong_password:
            return e.password_purpose() == services::PasswordPurpose::two_factor
                       ? "wrong_password: two_factor"
                       : "wrong_password: account_change";
        case Kind::limit_reached:
            return "limit_reached";
        case Kind::two_factor:
            return "two_factor: " + std::string(failure_text(e.two_factor_failure()));
        case Kind::throttled:
            return "throttled: " + std::to_string(e.retry_after());
    }
    return "?";
}

/// Runs `f`; the ServiceError it throws as error_text, or "no error". Other exceptions pass.
template <typename F>
std::string refusal(F&& f) {
    try {
        f();
    } catch (const services::ServiceError& e) {
        return error_text(e);
    }
    return "no error";
}

}  // namespace accountd::testing
