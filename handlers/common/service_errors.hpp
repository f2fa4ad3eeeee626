#pragma once
// Service exceptions as the API errors every dialect knows how to render.

#include "server/api_error.hpp"
#include "services/account_service.hpp"
#include "services/api_key_service.hpp"

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

}  // namespace accountd::handlers
