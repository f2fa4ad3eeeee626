#pragma once
// Service exceptions as the API errors every dialect knows how to render.

#include "server/api_error.hpp"
#include "services/account_service.hpp"
#include "services/api_key_service.hpp"
#include "services/two_factor_service.hpp"

namespace accountd::handlers {

inline server::ApiError api_error_of(const services::RuleViolation& violation) {
    return server::ApiError::field_error(server::ErrorCode::invalid_field, violation.field,
                                         violation.rule, violation.argument);
}

inline server::ApiError api_error_of(const services::RuleViolations& violations) {
    server::ApiError error = api_error_of(violations.list.front());
    for (std::size_t i = 1; i < violations.list.size(); ++i) {
        const auto& v = violations.list[i];
        error.more_fields.push_back({v.field, v.rule, v.argument});
    }
    return error;
}

inline server::ApiError api_error_of(const services::TwoFactorError& e) {
    using Kind = services::TwoFactorError::Kind;
    const char* rule = "checkpoint_expired";
    switch (e.kind) {
        case Kind::already_enabled:
            rule = "already_enabled";
            break;
        case Kind::wrong_password:
            rule = "wrong_password";
            break;
        case Kind::not_set_up:
            rule = "not_set_up";
            break;
        case Kind::invalid_code:
            rule = "invalid_code";
            break;
        case Kind::expired_confirmation:
            rule = "checkpoint_expired";
            break;
        case Kind::invalid_recovery_code:
            rule = "checkpoint_recovery";
            break;
    }
    server::ApiError error(server::ErrorCode::two_factor_failed, rule);
    error.rule = rule;
    return error;
}

}  // namespace accountd::handlers
