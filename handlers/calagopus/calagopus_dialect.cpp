#include "handlers/calagopus/calagopus_dialect.hpp"

#include "handlers/common/origin_check.hpp"

namespace accountd::handlers::calagopus {
namespace {

using server::ErrorCode;

// Type errors happen while decoding the body (serde's wording); rule errors afterwards, one
// "<field>: <message>" per field (garde's wording).
std::string field_message(const server::ApiError& e) {
    if (e.rule == "string" || e.rule == "integer") {
        return "invalid payload: invalid type: " + e.rule_argument + " for `" + e.field +
               "`, expected " + (e.rule == "integer" ? "an integer" : "a " + e.rule);
    }
    if (e.rule == "required") return "invalid payload: missing field `" + e.field + "`";
    if (e.rule == "min") return e.field + ": length is lower than " + e.rule_argument;
    if (e.rule == "max") return e.field + ": length is greater than " + e.rule_argument;
    if (e.rule == "between") {
        return e.field + ": length is greater than " +
               e.rule_argument.substr(e.rule_argument.find(',') + 1);
    }
    if (e.rule == "email") return e.field + ": not a valid email: invalid format";
    if (e.rule == "guessable") {
        return e.field + ": too easy to guess (a common password, a word, a pattern or a name)";
    }
    return e.field + ": invalid value";
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
            return {400, field_message(e)};
        case ErrorCode::missing_field:
            return {400, "invalid payload: missing field `" + e.field + "`"};
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
            return {400, "invalid query: " + e.field};
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
            return {403, "forbidden"};
        case ErrorCode::not_found:
            return {404, "not found"};
        case ErrorCode::service_unavailable:
            return {503, "service unavailable"};
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

server::HttpResponse CalagopusDialect::render_error(const server::ApiError& error,
                                                    const server::HttpRequest& /*request*/) const {
    const auto [status, message] = shape_of(error);
    return server::HttpResponse::json(status, {{"errors", {message}}});
}

}  // namespace accountd::handlers::calagopus
