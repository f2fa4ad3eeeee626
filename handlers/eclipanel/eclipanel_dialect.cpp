#include "handlers/eclipanel/eclipanel_dialect.hpp"

#include <algorithm>

#include "crypto/jwt.hpp"
#include "handlers/common/origin_check.hpp"
#include "handlers/eclipanel/auth_handler.hpp"
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
            // An unknown, wrong or expired API key (§2.2) is worded apart from a session.
            if (e.subject == server::kApiKeySubject) return {401, "Invalid API key"};
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
            // The dispatcher names the route's permission a key lacks (§9.2's key refusal).
            if (!e.subject.empty()) return {403, "Insufficient permissions (api key)"};
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

// Whether `token` has the shape of a key this dialect authenticates (its own or one of the
// formats it also accepts): only such a value is looked up as a key.
bool could_be_key(std::string_view token) {
    const auto& format = services::eclipanel_key_format();
    if (format.canonical(token)) return true;
    return std::any_of(format.also_accepts.begin(), format.also_accepts.end(),
                       [&](const std::string& name) {
                           const auto* other = services::key_format_named(name);
                           return other != nullptr && other->canonical(token).has_value();
                       });
}

}  // namespace

std::optional<server::PresentedCredential> EclipanelDialect::find_credential(
    const server::HttpRequest& request) const {
    const auto as_key = [](std::string_view key) {
        return server::PresentedCredential{server::CredentialSource::api_key, std::string(key),
                                           std::nullopt};
    };
    // §2.1: Authorization wins, then X-Api-Key, then the cookie.
    const std::string_view authorization = request.header("authorization");
    if (!authorization.empty()) {
        // `ApiKey <key>`: case-sensitive scheme, one space.
        if (authorization.starts_with("ApiKey ")) return as_key(authorization.substr(7));
        std::string_view raw;
        // EcliPanel takes `Bearer <token>` or a bare token longer than 20 characters.
        if (authorization.starts_with("Bearer ") &&
            authorization.find(' ', 7) == std::string_view::npos && authorization.size() > 7) {
            raw = authorization.substr(7);
        } else if (authorization.size() > 20 && authorization.find(' ') == std::string_view::npos) {
            raw = authorization;
        } else {
            throw server::ApiError(ErrorCode::credentials_malformed, "authorization scheme");
        }
        if (crypto::jwt_hs256_verify(raw, deps_.keys.jwt)) {
            return server::PresentedCredential{server::CredentialSource::session_bearer,
                                               std::string(raw), std::nullopt};
        }
        // EcliPanel tries a token that is no JWT of its own as an API key. Only a value that
        // can be one of the account's keys is looked up; anything else is "Invalid token".
        if (could_be_key(raw)) return as_key(raw);
        throw server::ApiError(ErrorCode::token_invalid, "neither our JWT nor a key");
    }
    if (const std::string_view key = request.header("x-api-key"); !key.empty()) {
        return as_key(key);
    }
    std::optional<server::PresentedCredential> found;
    if (auto cookie = request.cookie(deps_.config.eclipanel_cookie)) {
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

std::optional<server::AddressLimit> EclipanelDialect::address_limit(
    const server::Route& route) const {
    if (route.pattern == kLoginPath) {
        return server::AddressLimit{"eclipanel/auth/login", deps_.config.eclipanel_login_limit};
    }
    return std::nullopt;
}

const services::ApiKeyFormat* EclipanelDialect::key_format() const {
    return &services::eclipanel_key_format();
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
