#pragma once
// Service exceptions as the API errors every dialect knows how to render.

#include "server/api_error.hpp"
#include "services/account_service.hpp"

namespace accountd::handlers {

inline server::ApiError api_error_of(const services::RuleViolation& violation) {
    return server::ApiError::field_error(server::ErrorCode::invalid_field, violation.field,
                                         violation.rule, violation.argument);
}

}  // namespace accountd::handlers
