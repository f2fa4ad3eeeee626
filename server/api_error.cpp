#include "server/api_error.hpp"

namespace accountd::server {

std::string_view error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::malformed_json:
            return "malformed_json";
        case ErrorCode::unsupported_media_type:
            return "unsupported_media_type";
        case ErrorCode::missing_content_type:
            return "missing_content_type";
        case ErrorCode::invalid_field:
            return "invalid_field";
        case ErrorCode::payload_too_large:
            return "payload_too_large";
        case ErrorCode::length_required:
            return "length_required";
        case ErrorCode::route_not_found:
            return "route_not_found";
        case ErrorCode::method_not_allowed:
            return "method_not_allowed";
        case ErrorCode::credentials_missing:
            return "credentials_missing";
        case ErrorCode::credentials_malformed:
            return "credentials_malformed";
        case ErrorCode::session_invalid:
            return "session_invalid";
        case ErrorCode::token_invalid:
            return "token_invalid";
        case ErrorCode::invalid_credentials:
            return "invalid_credentials";
        case ErrorCode::wrong_password:
            return "wrong_password";
        case ErrorCode::conflict:
            return "conflict";
        case ErrorCode::invalid_query:
            return "invalid_query";
        case ErrorCode::application_key:
            return "application_key";
        case ErrorCode::ip_not_allowed:
            return "ip_not_allowed";
        case ErrorCode::limit_reached:
            return "limit_reached";
        case ErrorCode::too_many_attempts:
            return "too_many_attempts";
        case ErrorCode::rate_limited:
            return "rate_limited";
        case ErrorCode::two_factor_failed:
            return "two_factor_failed";
        case ErrorCode::csrf_mismatch:
            return "csrf_mismatch";
        case ErrorCode::two_factor_required:
            return "two_factor_required";
        case ErrorCode::account_suspended:
            return "account_suspended";
        case ErrorCode::session_auth_required:
            return "session_auth_required";
        case ErrorCode::forbidden:
            return "forbidden";
        case ErrorCode::not_found:
            return "not_found";
        case ErrorCode::service_unavailable:
            return "service_unavailable";
        case ErrorCode::refused:
            return "refused";
        case ErrorCode::internal:
            return "internal";
    }
    return "unknown";
}

ApiError api_error_of(const services::ServiceError& error) {
    using Kind = services::ServiceError::Kind;
    switch (error.kind()) {
        case Kind::invalid_fields: {
            ApiError api(ErrorCode::invalid_field, error.what());
            api.violations = error.violations();
            return api;
        }
        case Kind::invalid_credentials:
            return ApiError(ErrorCode::invalid_credentials, error.what());
        case Kind::wrong_password: {
            ApiError api(ErrorCode::wrong_password, error.what());
            api.password_purpose = error.password_purpose();
            return api;
        }
        case Kind::limit_reached:
            return ApiError(ErrorCode::limit_reached, error.what());
        case Kind::two_factor: {
            ApiError api(ErrorCode::two_factor_failed, error.what());
            api.two_factor = error.two_factor_failure();
            return api;
        }
        case Kind::throttled: {
            ApiError api(ErrorCode::too_many_attempts, error.what());
            api.retry_after = error.retry_after();
            return api;
        }
        case Kind::not_permitted:
            return ApiError(ErrorCode::forbidden, error.what());
        case Kind::busy: {
            // The service, not the caller, is at its limit: 503, as a saturated upstream.
            ApiError api(ErrorCode::service_unavailable, error.what());
            api.retry_after = error.retry_after();
            return api;
        }
    }
    return ApiError(ErrorCode::internal, "unknown service error kind");
}

}  // namespace accountd::server
