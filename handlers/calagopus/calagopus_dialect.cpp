#include "handlers/calagopus/calagopus_dialect.hpp"

#include "handlers/common/origin_check.hpp"

namespace accountd::handlers::calagopus {
namespace {

using server::ErrorCode;

// Type errors happen while decoding the body (serde's wording); rule errors afterwards, one
// "<field>: <message>" per field (garde's wording).
std::string field_message(const services::FieldViolation& v) {
    using services::Rule;
    switch (v.rule) {
        case Rule::string:
            return "invalid payload: invalid type: " + v.argument + " for `" + v.field +
                   "`, expected a string";
        case Rule::integer:
            return "invalid payload: invalid type: " + v.argument + " for `" + v.field +
                   "`, expected an integer";
        case Rule::required:
            return "invalid payload: missing field `" + v.field + "`";
        case Rule::min:
            return v.field + ": length is lower than " + v.argument;
        case Rule::max:
            return v.field + ": length is greater than " + v.argument;
        case Rule::between:
            return v.field + ": length is greater than " +
                   v.argument.substr(v.argument.find(',') + 1);
        case Rule::min_value:
            return v.field + ": lower than " + v.argument;
        case Rule::max_value:
            return v.field + ": greater than " + v.argument;
        case Rule::email:
            return v.field + ": not a valid email: invalid format";
        case Rule::guessable:
            return v.field + ": too easy to guess (a common password, a word, a pattern or a name)";
        case Rule::array:
        case Rule::max_items:
        case Rule::size:
        case Rule::length:
        case Rule::confirmed:
        case Rule::unique:
        case Rule::ip_range:
        case Rule::narrower:
        case Rule::ssh_not_valid:
        case Rule::ssh_dsa:
        case Rule::ssh_rsa_too_short:
        case Rule::ssh_duplicate:
        case Rule::ssh_too_many:
            break;
    }
    return v.field + ": invalid value";
}

std::pair<int, std::string> shape_of(const server::ApiError& e) {
    switch (e.code()) {
        case ErrorCode::malformed_json:
            return {400, "invalid payload: malformed JSON object"};
        case ErrorCode::missing_content_type:
            return {400, "invalid payload: missing content type header"};
        case ErrorCode::unsupported_media_type:
            return {400, "invalid payload: unsupported content type"};
        case ErrorCode::invalid_field:
            return {400, e.violations.empty() ? std::string("invalid payload")
                                              : field_message(e.violations.front())};
        case ErrorCode::payload_too_large:
            return {413, "payload too large"};
        case ErrorCode::length_required:
            return {411, "length required"};
        case ErrorCode::route_not_found:
            return {404, "route not found"};
        case ErrorCode::method_not_allowed:
            return {405, "method not allowed"};
        case ErrorCode::credentials_missing:
            return {401, "missing authorization"};
        case ErrorCode::credentials_malformed:
            return {401, "invalid authorization cookie"};
        case ErrorCode::session_invalid:
        case ErrorCode::token_invalid:
            return {401, "invalid session"};
        case ErrorCode::invalid_credentials:
            return {400, "invalid username or password"};
        case ErrorCode::application_key:
            return {403, "invalid api key"};
        case ErrorCode::ip_not_allowed:
            return {403, "ip address not allowed for this api key"};
        case ErrorCode::limit_reached:
            return {417, "maximum number of api keys reached"};
        case ErrorCode::two_factor_failed:
            return {400, "invalid confirmation code"};
        case ErrorCode::rate_limited:
        case ErrorCode::too_many_attempts:
            return {429, "you are ratelimited, retry in " + std::to_string(e.retry_after) + "s"};
        case ErrorCode::invalid_query:
            // axum's Query extractor rejection, made JSON by Calagopus' post-processing layer.
            return {400, "Failed to deserialize query string: " + e.subject};
        case ErrorCode::wrong_password:
            return {403, "invalid password"};
        case ErrorCode::conflict:
            return {409, "email already in use"};
        case ErrorCode::csrf_mismatch:
            return {403, "cross-site request refused"};
        case ErrorCode::two_factor_required:
            return {403, "two-factor authentication required"};
        case ErrorCode::account_suspended:
            return {403, "account is suspended"};
        case ErrorCode::session_auth_required:
            return {400, "unable to log out when not using session authentication"};
        case ErrorCode::forbidden:
            if (!e.subject.empty()) {
                return {403, "you do not have permission to perform this action: " + e.subject};
            }
            return {403, "forbidden"};
        case ErrorCode::not_found:
            return {404, "not found"};
        case ErrorCode::service_unavailable:
            return {503, "service unavailable"};
        case ErrorCode::refused:
            return {e.status, e.subject};
        case ErrorCode::internal:
            break;
    }
    return {500, "internal server error"};
}

}  // namespace

std::optional<server::PresentedCredential> CalagopusDialect::find_credential(
    const server::HttpRequest& request) const {
    auto cookie = request.cookie(deps_.config.calagopus_cookie);
    if (!cookie) return std::nullopt;
    if (cookie->size() != kSessionTokenLength) {
        throw server::ApiError(server::ErrorCode::credentials_malformed, "cookie length");
    }
    return server::PresentedCredential{server::CredentialSource::session_cookie, std::move(*cookie),
                                       std::nullopt};
}

void CalagopusDialect::check_cookie_write(const server::HttpRequest& request,
                                          const server::Principal& /*caller*/) const {
    if (!is_same_site_write(request, deps_.config.trusted_origins)) {
        throw server::ApiError(server::ErrorCode::csrf_mismatch, "origin not allowed");
    }
}

server::ApiError CalagopusDialect::translate(const services::ServiceError& error) const {
    // Calagopus answers a taken e-mail address with 409, not as a field error.
    if (error.kind() == services::ServiceError::Kind::invalid_fields &&
        error.violations().front().rule == services::Rule::unique) {
        return server::ApiError(server::ErrorCode::conflict, error.what());
    }
    return server::api_error_of(error);
}

server::HttpResponse CalagopusDialect::render_error(const server::ApiError& error,
                                                    const server::HttpRequest& /*request*/) const {
    const auto [status, message] = shape_of(error);
    // garde reports every failing field, one string each; the other errors are one string.
    auto errors = nlohmann::ordered_json::array();
    if (error.code() == server::ErrorCode::invalid_field && error.violations.size() > 1) {
        for (const auto& violation : error.violations)
            errors.push_back(field_message(violation));
    } else if (error.code() == server::ErrorCode::refused && !error.violations.empty()) {
        // refuse_fields: each violation carries its own worded message.
        for (const auto& violation : error.violations)
            errors.push_back(violation.field + ": " + violation.argument);
    } else {
        errors.push_back(message);
    }
    return server::HttpResponse::json(status, {{"errors", errors}});
}

}  // namespace accountd::handlers::calagopus
