#include "handlers/eclipanel/eclipanel_dialect.hpp"

#include "crypto/jwt.hpp"
#include "handlers/common/origin_check.hpp"
#include "handlers/eclipanel/two_factor_messages.hpp"

namespace accountd::handlers::eclipanel {
namespace {

using server::ErrorCode;

std::pair<int, const char*> shape_of(const server::ApiError& e) {
    switch (e.code()) {
        // Elysia answers every body-schema violation the same way.
        case ErrorCode::malformed_json:
        case ErrorCode::missing_content_type:
        case ErrorCode::unsupported_media_type:
        case ErrorCode::invalid_field:
            return {422, "Request error"};
        case ErrorCode::payload_too_large:
            return {413, "Payload too large"};
        case ErrorCode::length_required:
            return {411, "Length required"};
        case ErrorCode::route_not_found:
            return {404, "Route not found"};
        case ErrorCode::method_not_allowed:
            return {405, "Method not allowed"};
        case ErrorCode::credentials_missing:
            return {401, "Missing auth token"};
        case ErrorCode::credentials_malformed:
            return {401, "Invalid token format"};
        case ErrorCode::session_invalid:
            return {401, "Invalid session"};
        case ErrorCode::token_invalid:
            return {401, "Invalid token"};
        case ErrorCode::invalid_credentials:
            return {401, "Invalid credentials"};
        case ErrorCode::application_key:
            return {401, "Invalid API key"};
        case ErrorCode::ip_not_allowed:
            return {403, "IP address not allowed for this API key"};
        case ErrorCode::limit_reached:
            return {400, "API key limit reached"};
        case ErrorCode::two_factor_failed:
            return two_factor_shape(e.two_factor);
        case ErrorCode::rate_limited:
        case ErrorCode::too_many_attempts:
            return {429, "rate_limited"};
        case ErrorCode::invalid_query:
            return {400, "Invalid query"};
        case ErrorCode::wrong_password:
            return {403, "Current password is incorrect"};
        case ErrorCode::conflict:
            return {409, "Email already in use"};
        case ErrorCode::csrf_mismatch:
            return {403, "Invalid CSRF token — please refresh the page and try again."};
        case ErrorCode::two_factor_required:
            return {403, "Two-factor authentication required"};
        case ErrorCode::account_suspended:
            return {403, "Account is suspended. Please contact support."};
        case ErrorCode::session_auth_required:
            return {400, "Session authentication required"};
        case ErrorCode::forbidden:
            return {403, "Insufficient permissions"};
        case ErrorCode::not_found:
            return {404, "Not found"};
        case ErrorCode::service_unavailable:
            return {503, "Service unavailable"};
        case ErrorCode::refused:
            // The text lives in `e`, which outlives the rendering of its answer.
            return {e.status, e.subject.c_str()};
        case ErrorCode::internal:
            break;
    }
    return {500, "Internal server error"};
}

}  // namespace

std::optional<server::PresentedCredential> EclipanelDialect::find_credential(
    const server::HttpRequest& request) const {
    std::optional<server::PresentedCredential> found;
    const std::string_view authorization = request.header("authorization");
    if (!authorization.empty()) {
        // EcliPanel takes `Bearer <token>` or a bare token longer than 20 characters.
        if (authorization.starts_with("Bearer ") &&
            authorization.find(' ', 7) == std::string_view::npos && authorization.size() > 7) {
            found = server::PresentedCredential{server::CredentialSource::session_bearer,
                                                std::string(authorization.substr(7)), std::nullopt};
        } else if (authorization.size() > 20 && authorization.find(' ') == std::string_view::npos) {
            found = server::PresentedCredential{server::CredentialSource::session_bearer,
                                                std::string(authorization), std::nullopt};
        } else {
            throw server::ApiError(ErrorCode::credentials_malformed, "authorization scheme");
        }
    } else if (auto cookie = request.cookie(deps_.config.eclipanel_cookie)) {
        found = server::PresentedCredential{server::CredentialSource::session_cookie,
                                            std::move(*cookie), std::nullopt};
    }
    // A token we never signed is "Invalid token"; "Invalid session" is kept for one we signed
    // whose session has ended, as EcliPanel tells them apart.
    if (found && !crypto::jwt_hs256_verify(found->token, deps_.keys.jwt)) {
        throw server::ApiError(ErrorCode::token_invalid, "token not signed with our key");
    }
    return found;
}

void EclipanelDialect::check_cookie_write(const server::HttpRequest& request,
                                          const server::Principal& /*caller*/) const {
    if (!is_same_site_write(request, deps_.config.trusted_origins)) {
        throw server::ApiError(ErrorCode::csrf_mismatch, "origin not allowed");
    }
}

server::HttpResponse EclipanelDialect::render_error(const server::ApiError& error,
                                                    const server::HttpRequest& /*request*/) const {
    const auto [status, message] = shape_of(error);
    // A worded 429 (the two-factor lock) carries retryAfter as EcliPanel's limits do.
    if (error.code() == ErrorCode::too_many_attempts || error.code() == ErrorCode::rate_limited ||
        (error.code() == ErrorCode::refused && error.retry_after > 0)) {
        return server::HttpResponse::json(status,
                                          {{"error", message}, {"retryAfter", error.retry_after}});
    }
    return server::HttpResponse::json(status, {{"error", message}});
}

}  // namespace accountd::handlers::eclipanel
