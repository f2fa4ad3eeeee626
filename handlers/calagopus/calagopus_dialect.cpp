#include "handlers/calagopus/calagopus_dialect.hpp"

#include <algorithm>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "handlers/calagopus/auth_handler.hpp"
#include "handlers/calagopus/refusal.hpp"
#include "handlers/calagopus/session_cookie.hpp"
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
        case Rule::ssh_not_valid:
            return "invalid payload: invalid public key";
        case Rule::ssh_dsa:
            return v.field + ": DSA keys are not accepted";
        case Rule::ssh_rsa_too_short:
            return v.field + ": RSA keys must be at least 2048 bits";
        case Rule::array:
        case Rule::max_items:
        case Rule::size:
        case Rule::length:
        case Rule::confirmed:
        case Rule::unique:
        case Rule::ip_range:
        case Rule::narrower:
        case Rule::ssh_duplicate:
        case Rule::ssh_too_many:
            break;
    }
    return v.field + ": invalid value";
}

// Calagopus' two-factor and checkpoint wording; accountd's own rules (setup time, fresh sign-in)
// in the same style.
std::pair<int, std::string> two_factor_shape(services::TwoFactorFailure failure) {
    using services::TwoFactorFailure;
    switch (failure) {
        case TwoFactorFailure::already_enabled:
            return {409, "two-factor authentication is already enabled"};
        case TwoFactorFailure::not_set_up:
        case TwoFactorFailure::setup_expired:
            return {401, "two-factor authentication has not been configured"};
        case TwoFactorFailure::checkpoint_recovery:
            return {400, "invalid recovery code"};
        case TwoFactorFailure::checkpoint_replayed:
            return {400, "this code has already been used"};
        case TwoFactorFailure::checkpoint_expired:
            return {400, "invalid confirmation token"};
        case TwoFactorFailure::fresh_sign_in_needed:
            return {403, "this needs a recent sign-in: sign out, sign in again and retry"};
        case TwoFactorFailure::invalid_code:
        case TwoFactorFailure::checkpoint_code:
        case TwoFactorFailure::password_in_query:
            break;
    }
    return {400, "invalid confirmation code"};
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
            if (e.subject == server::kApiKeySubject) return {401, "invalid api key"};
            return {401, "invalid session"};
        case ErrorCode::invalid_credentials:
            return {400, "invalid username or password"};
        case ErrorCode::application_key:
            // Calagopus knows no application keys: one is just no key of its users.
            return {401, "invalid api key"};
        case ErrorCode::ip_not_allowed:
            return {403, "ip address not allowed for this api key"};
        case ErrorCode::limit_reached:
            return {417, "maximum number of api keys reached"};
        case ErrorCode::two_factor_failed:
            return two_factor_shape(e.two_factor);
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
    // A present cookie wins, even over a valid key (reference §2 step 2b, §17.9).
    if (auto cookie = request.cookie(deps_.config.calagopus_cookie)) {
        if (cookie->size() != kSessionTokenLength) {
            throw server::ApiError(server::ErrorCode::credentials_malformed, "cookie length");
        }
        return server::PresentedCredential{server::CredentialSource::session_cookie,
                                           std::move(*cookie), std::nullopt};
    }
    const std::string_view authorization = request.header("authorization");
    if (authorization.empty()) return std::nullopt;
    // The raw header is exactly "Bearer " and a 48-character key, or nothing is looked up.
    // The account's EcliPanel keys (64 hex characters) work here too (README: one account's
    // keys work in every dialect).
    if (authorization.size() != kBearerPrefix.size() + kApiKeyLength &&
        authorization.size() != kBearerPrefix.size() + kEclipanelKeyLength) {
        refuse(401, "invalid authorization header");
    }
    if (!authorization.starts_with(kBearerPrefix)) refuse(401, "invalid api key");
    return server::PresentedCredential{server::CredentialSource::api_key,
                                       std::string(authorization.substr(kBearerPrefix.size())),
                                       std::nullopt};
}

void CalagopusDialect::check_cookie_write(const server::HttpRequest& request,
                                          const server::Principal& /*caller*/) const {
    if (!is_same_site_write(request, deps_.config.trusted_origins)) {
        throw server::ApiError(server::ErrorCode::csrf_mismatch, "origin not allowed");
    }
}

std::optional<server::AddressLimit> CalagopusDialect::address_limit(
    const server::Route& route) const {
    const auto& c = deps_.config;
    const std::string_view pattern = route.pattern;
    if (pattern == kLoginPath) return server::AddressLimit{"auth/login", c.calagopus_login_limit};
    if (pattern == kCheckpointPath) {
        return server::AddressLimit{"auth/login/checkpoint", c.calagopus_checkpoint_limit};
    }
    if (pattern == kRegisterPath) {
        return server::AddressLimit{"auth/register", c.calagopus_register_limit};
    }
    if (pattern == "/api/client" || pattern.starts_with("/api/client/")) {
        return server::AddressLimit{"client", c.calagopus_client_limit};
    }
    return std::nullopt;
}

void CalagopusDialect::renew_session_cookie(const server::RequestContext& ctx,
                                            server::HttpResponse& response) const {
    const std::string prefix = deps_.config.calagopus_cookie + "=";
    for (const auto& [name, value] : response.headers) {
        if (name == "Set-Cookie" && value.starts_with(prefix)) return;
    }
    const auto token = ctx.request.cookie(deps_.config.calagopus_cookie);
    if (!token) return;
    response.set_cookie(calagopus_session_cookie(deps_, *ctx.caller().session, *token));
}

server::ApiError CalagopusDialect::translate(const services::ServiceError& error) const {
    // Calagopus answers a taken e-mail address with 409, not as a field error.
    if (error.kind() == services::ServiceError::Kind::invalid_fields &&
        error.violations().front().rule == services::Rule::unique) {
        return server::ApiError(server::ErrorCode::conflict, error.what());
    }
    // SSH key quota and duplicates: Calagopus' 417 and 409, worded for the resource.
    if (error.kind() == services::ServiceError::Kind::invalid_fields) {
        const auto rule = error.violations().front().rule;
        const auto refused = [](int status, std::string message) {
            server::ApiError api(server::ErrorCode::refused, message);
            api.status = status;
            api.subject = std::move(message);
            return api;
        };
        if (rule == services::Rule::ssh_too_many) {
            return refused(417, "maximum number of ssh keys reached");
        }
        if (rule == services::Rule::ssh_duplicate) {
            return refused(409, "ssh key with name or fingerprint already exists");
        }
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

server::HttpResponse CalagopusDialect::finish(server::HttpResponse response,
                                              const server::HttpRequest& request) const {
    response.set_header("Vary", "Accept");
    const bool plain_text =
        std::any_of(response.headers.begin(), response.headers.end(), [](const auto& header) {
            return header.first == "Content-Type" && header.second.starts_with("text/plain");
        });
    // Calagopus tags only bodies up to 8 MiB; ours never come near that.
    if (plain_text || response.status == 204) return response;
    const std::string etag = crypto::to_hex(crypto::sha256(response.body));
    response.set_header("ETag", etag);
    if (request.header("if-none-match") == etag) {
        response.status = 304;
        response.body.clear();
    }
    return response;
}

}  // namespace accountd::handlers::calagopus
