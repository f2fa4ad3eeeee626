#pragma once
// A ServiceError as one line of text, so a test asserts the exact refusal (kind, fields, rules,
// arguments, the two-factor failure, the password purpose, the wait) in one comparison that
// Boost.Test can print: "invalid_fields: allowed_ips.2 ip_range 10.0.0.300; description required".

#include <string>
#include <string_view>

#include "services/service_error.hpp"

namespace accountd::testing {

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
                out += services::rule_id(v.rule);
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
            return "two_factor: " + std::string(services::failure_id(e.two_factor_failure()));
        case Kind::throttled:
            return "throttled: " + std::to_string(e.retry_after());
        case Kind::not_permitted:
            return "not_permitted";
        case Kind::busy:
            return "busy: " + std::to_string(e.retry_after());
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
