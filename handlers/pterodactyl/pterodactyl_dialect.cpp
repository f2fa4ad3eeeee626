#include "handlers/pterodactyl/pterodactyl_dialect.hpp"

#include <algorithm>
#include <cctype>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

using server::ErrorCode;

// Laravel shows a field name with '_' as ' ' in its messages.
std::string attribute_label(std::string field) {
    std::replace(field.begin(), field.end(), '_', ' ');
    return field;
}

// Laravel's English validation messages for the rules we check.
std::string validation_message(const services::FieldViolation& v) {
    using services::Rule;
    const std::string label = attribute_label(v.field);
    switch (v.rule) {
        case Rule::required:
            return "The " + label + " field is required.";
        case Rule::string:
            return "The " + label + " must be a string.";
        case Rule::integer:
            return "The " + label + " must be an integer.";
        case Rule::array:
            return "The " + label + " must be an array.";
        case Rule::email:
            return "The " + label + " must be a valid email address.";
        case Rule::min:
            return "The " + label + " must be at least " + v.argument + " characters.";
        case Rule::max:
            return "The " + label + " may not be greater than " + v.argument + " characters.";
        case Rule::max_items:
            return "The " + label + " may not have more than " + v.argument + " items.";
        case Rule::min_value:
            return "The " + label + " must be at least " + v.argument + ".";
        case Rule::max_value:
            return "The " + label + " may not be greater than " + v.argument + ".";
        case Rule::between: {
            const auto comma = v.argument.find(',');
            return "The " + label + " must be between " + v.argument.substr(0, comma) + " and " +
                   v.argument.substr(comma + 1) + " characters.";
        }
        case Rule::size:
            return "The " + label + " must be " + v.argument + " characters.";
        case Rule::length:
            return "The " + label + " is invalid.";
        case Rule::confirmed:
            return "The " + label + " confirmation does not match.";
        case Rule::unique:
            return "The " + label + " has already been taken.";
        case Rule::guessable:
            return "The " + label +
                   " is too easy to guess (a common password, a word, a pattern or your name). "
                   "Please choose a different " +
                   label + ".";
        case Rule::ip_range:
            return "\"" + v.argument + "\" is not a valid IP address or CIDR range.";
        case Rule::narrower:
            if (v.argument.empty()) {
                return "The " + label +
                       " must list addresses, all allowed to the API key making this request.";
            }
            return "\"" + v.argument +
                   "\" is not within the addresses allowed to the API key making this request.";
        case Rule::ssh_not_valid:
            return "The public key provided is not valid.";
        case Rule::ssh_dsa:
            return "DSA keys are not supported.";
        // Pterodactyl's wording says bytes; the check is on bits.
        case Rule::ssh_rsa_too_short:
            return "RSA keys must be at least 2048 bytes in length.";
        case Rule::ssh_duplicate:
            return "The public key provided already exists on your account.";
        case Rule::ssh_too_many:
            return "You may not have more than " + v.argument + " SSH keys.";
    }
    return "The " + label + " is invalid.";
}

// Laravel's name of a rule as `meta.rule` reports it: its `max` names both the string and the
// array check, and checks that are not Laravel rules (Pterodactyl's "after" hooks and ours)
// report an empty rule.
std::string_view laravel_rule(services::Rule rule) {
    using services::Rule;
    switch (rule) {
        case Rule::max_items:
        case Rule::max_value:
            return "max";
        case Rule::min_value:
            return "min";
        case Rule::guessable:
        case Rule::ip_range:
        case Rule::narrower:
        case Rule::ssh_not_valid:
        case Rule::ssh_dsa:
        case Rule::ssh_rsa_too_short:
        case Rule::ssh_duplicate:
        case Rule::ssh_too_many:
            return "";
        case Rule::required:
        case Rule::string:
        case Rule::integer:
        case Rule::array:
        case Rule::email:
        case Rule::min:
        case Rule::max:
        case Rule::between:
        case Rule::size:
        case Rule::length:
        case Rule::confirmed:
        case Rule::unique:
            break;
    }
    return services::rule_id(rule);
}

struct Shape {
    int status;
    const char* code;
    std::string detail;
};

Shape two_factor_shape(services::TwoFactorFailure failure) {
    using services::TwoFactorFailure;
    switch (failure) {
        case TwoFactorFailure::already_enabled:
            return {400, "BadRequestHttpException",
                    "Two-factor authentication is already enabled on this account."};
        case TwoFactorFailure::not_set_up:
            return {400, "BadRequestHttpException",
                    "Two-factor authentication has not been set up for this account."};
        case TwoFactorFailure::invalid_code:
            return {400, "TwoFactorAuthenticationTokenInvalid",
                    "The provided two-factor authentication token was not valid."};
        // The checkpoint words a bad code differently from the enable form.
        case TwoFactorFailure::checkpoint_code:
        case TwoFactorFailure::checkpoint_replayed:
            return {400, "DisplayException", "The two-factor authentication token was invalid."};
        case TwoFactorFailure::checkpoint_recovery:
            return {400, "DisplayException", "The recovery token provided is not valid."};
        case TwoFactorFailure::password_in_query:
            return {400, "BadRequestHttpException",
                    "Send the password in a JSON body; a password in the URL is refused."};
        // Not Pterodactyl's own refusals: worded for its SPA, which shows `detail`.
        case TwoFactorFailure::setup_expired:
            return {400, "BadRequestHttpException",
                    "The two-factor setup has expired; reload the page to scan a new QR code."};
        case TwoFactorFailure::fresh_sign_in_needed:
            return {400, "BadRequestHttpException",
                    "This needs a recent sign-in: sign out, sign in again and retry."};
        case TwoFactorFailure::checkpoint_expired:
            break;
    }
    return {
        400, "DisplayException",
        "The authentication token provided has expired, please refresh the page and try again."};
}

Shape wrong_password_shape(services::PasswordPurpose purpose) {
    switch (purpose) {
        case services::PasswordPurpose::two_factor:
            return {400, "BadRequestHttpException", "The password provided was not valid."};
        case services::PasswordPurpose::account_change:
            break;
    }
    return {400, "InvalidPasswordProvidedException",
            "The password provided was invalid for this account."};
}

Shape shape_of(const server::ApiError& e, const server::HttpRequest& request) {
    switch (e.code()) {
        case ErrorCode::malformed_json:
            return {400, "BadRequestHttpException",
                    "The JSON data passed in the request appears to be malformed: Syntax error"};
        case ErrorCode::missing_content_type:
        case ErrorCode::unsupported_media_type:
            return {415, "UnsupportedMediaTypeHttpException",
                    "The request body must be JSON (Content-Type: application/json)."};
        case ErrorCode::invalid_field:
            return {422, "ValidationException",
                    e.violations.empty() ? std::string("The given data was invalid.")
                                         : validation_message(e.violations.front())};
        case ErrorCode::payload_too_large:
            return {413, "PostTooLargeException", "The request body is too large."};
        case ErrorCode::length_required:
            return {411, "LengthRequiredHttpException", "A valid Content-Length is required."};
        case ErrorCode::route_not_found:
            return {404, "NotFoundHttpException",
                    "The route " + request.path.substr(1) + " could not be found."};
        case ErrorCode::method_not_allowed: {
            std::string methods;
            for (const auto& m : e.allowed_methods)
                methods += (methods.empty() ? "" : ", ") + m;
            return {405, "MethodNotAllowedHttpException",
                    "The " + request.method + " method is not supported for route " +
                        request.path.substr(1) + ". Supported methods: " + methods + "."};
        }
        case ErrorCode::credentials_missing:
        case ErrorCode::credentials_malformed:
        case ErrorCode::session_invalid:
        case ErrorCode::token_invalid:
            return {401, "AuthenticationException", "Unauthenticated."};
        case ErrorCode::invalid_credentials:
            return {400, "DisplayException",
                    "No account matching those credentials could be found."};
        case ErrorCode::application_key:
            return {403, "AccessDeniedHttpException",
                    "You are attempting to use an application API key on an endpoint that requires "
                    "a client API key."};
        case ErrorCode::ip_not_allowed:
            return {403, "AccessDeniedHttpException",
                    "This IP address (" + e.subject +
                        ") does not have permission to access the API using these credentials."};
        case ErrorCode::limit_reached:
            return {400, "DisplayException",
                    "You have reached the account limit for number of API keys."};
        case ErrorCode::two_factor_failed:
            return two_factor_shape(e.two_factor);
        case ErrorCode::rate_limited:
            return {429, "ThrottleRequestsException", "Too Many Attempts."};
        case ErrorCode::too_many_attempts:
            return {429, "ValidationException",
                    "Too many login attempts. Please try again in " +
                        std::to_string(e.retry_after) + " seconds."};
        case ErrorCode::invalid_query:
            if (e.query_part == server::ApiError::QueryPart::sort) {
                return {400, "InvalidSortQuery",
                        "Requested sort(s) `" + e.subject +
                            "` is not allowed. Allowed sort(s) are `timestamp`."};
            }
            return {400, "InvalidFilterQuery",
                    "Requested filter(s) `" + e.subject +
                        "` are not allowed. Allowed filter(s) are `event`."};
        case ErrorCode::wrong_password:
            return wrong_password_shape(e.password_purpose);
        case ErrorCode::conflict:
            return {409, "ConflictHttpException", "The resource already exists."};
        case ErrorCode::csrf_mismatch:
            return {419, "HttpException", "CSRF token mismatch."};
        case ErrorCode::two_factor_required:
            return {400, "TwoFactorAuthRequiredException",
                    "Two-factor authentication is required on this account in order to access "
                    "this endpoint."};
        case ErrorCode::account_suspended:
            return {403, "AccessDeniedHttpException", "This account has been suspended."};
        case ErrorCode::session_auth_required:
            return {400, "BadRequestHttpException", "This action requires a browser session."};
        case ErrorCode::forbidden:
            return {403, "AccessDeniedHttpException", "This action is unauthorized."};
        case ErrorCode::not_found:
            return {404, "NotFoundHttpException",
                    "The requested resource could not be found on the server."};
        case ErrorCode::service_unavailable:
            return {503, "ServiceUnavailableHttpException",
                    "The service is temporarily unavailable, please try again."};
        case ErrorCode::refused:
            return {e.status, "HttpException", e.subject};
        case ErrorCode::internal:
            break;
    }
    return {500, "HttpException",
            "An unexpected error was encountered while processing this request, please try again."};
}

}  // namespace

std::string xsrf_token_for(const services::ServerKeys& keys, const services::Session& session) {
    return crypto::base64url_encode(crypto::hmac_sha256(keys.xsrf, session.public_id));
}

bool is_guest_token(std::string_view token) {
    return token.size() == kGuestTokenLength && std::all_of(token.begin(), token.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) != 0;
           });
}

std::string guest_xsrf_token_for(const services::ServerKeys& keys, std::string_view guest_token) {
    return crypto::base64url_encode(
        crypto::hmac_sha256(keys.xsrf, "guest:" + std::string(guest_token)));
}

std::optional<server::PresentedCredential> PterodactylDialect::find_credential(
    const server::HttpRequest& request) const {
    // Sanctum: the value after the last "Bearer " (case-sensitive), cut at the first ','.
    std::optional<std::string> bearer_token;
    const std::string_view authorization = request.header("authorization");
    if (const auto bearer = authorization.rfind("Bearer "); bearer != std::string_view::npos) {
        auto token = authorization.substr(bearer + 7);
        token = token.substr(0, token.find(','));
        if (!token.empty()) bearer_token = std::string(token);
    }
    // A guest cookie (from /sanctum/csrf-cookie) is a visitor, not a credential.
    if (auto cookie = request.cookie(deps_.config.pterodactyl_cookie);
        cookie && !is_guest_token(*cookie)) {
        return server::PresentedCredential{server::CredentialSource::session_cookie,
                                           std::move(*cookie), std::move(bearer_token)};
    }
    if (!bearer_token) return std::nullopt;
    return server::PresentedCredential{server::CredentialSource::api_key, std::move(*bearer_token),
                                       std::nullopt};
}

void PterodactylDialect::check_cookie_write(const server::HttpRequest& request,
                                            const server::Principal& caller) const {
    // axios copies the XSRF-TOKEN cookie into X-XSRF-TOKEN; X-CSRF-TOKEN is Laravel's other name.
    std::string_view sent = request.header("x-xsrf-token");
    if (sent.empty()) sent = request.header("x-csrf-token");
    const std::string expected = xsrf_token_for(deps_.keys, *caller.session);
    if (sent.empty() || !crypto::constant_time_equals(sent, expected)) {
        throw server::ApiError(ErrorCode::csrf_mismatch, "xsrf header missing or wrong");
    }
}

server::HttpResponse PterodactylDialect::render_error(const server::ApiError& error,
                                                      const server::HttpRequest& request) const {
    const Shape shape = shape_of(error, request);
    const auto item_for = [&](const std::string& detail) {
        return nlohmann::ordered_json{
            {"code", shape.code}, {"status", std::to_string(shape.status)}, {"detail", detail}};
    };
    if (error.code() == ErrorCode::too_many_attempts) {
        // Laravel's login lockout: HTTP 429, but the body says 422 and names the email field.
        auto item = item_for(shape.detail);
        item["status"] = "422";
        item["meta"] = {{"source_field", "email"}, {"rule", ""}};
        return server::HttpResponse::json(shape.status, {{"errors", {item}}});
    }
    if (error.code() != ErrorCode::invalid_field) {
        return server::HttpResponse::json(shape.status, {{"errors", {item_for(shape.detail)}}});
    }
    nlohmann::ordered_json errors = nlohmann::ordered_json::array();
    for (const auto& v : error.violations) {
        auto item = item_for(validation_message(v));
        item["meta"] = {{"source_field", v.field}, {"rule", laravel_rule(v.rule)}};
        errors.push_back(std::move(item));
    }
    return server::HttpResponse::json(shape.status, {{"errors", errors}});
}

}  // namespace accountd::handlers::pterodactyl
