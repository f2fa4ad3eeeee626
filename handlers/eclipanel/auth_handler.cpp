#include "handlers/eclipanel/auth_handler.hpp"

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/jwt.hpp"
#include "handlers/common/session_cookie.hpp"
#include "handlers/common/sign_in_client.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::eclipanel {
namespace {

// EcliPanel's schema for the login body: email (format email, <= 254), password (1-128).
void validate_login_body(const std::string& email, const std::string& password) {
    const auto at = email.find('@');
    if (email.size() > 254 || at == std::string::npos || at == 0 || at + 1 == email.size()) {
        throw services::ServiceError::invalid("email", services::Rule::email);
    }
    // 128 characters of up to 4 UTF-8 bytes each.
    if (password.empty() || password.size() > std::size_t{128} * 4) {
        throw services::ServiceError::invalid("password", services::Rule::length);
    }
}

server::HttpResponse login(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx);
    services::PasswordLogin attempt;
    attempt.identifier = server::required_string(body, "email");
    attempt.password = server::required_string(body, "password");
    attempt.kind = services::LoginIdentifier::email_only;
    validate_login_body(attempt.identifier, attempt.password);
    // jti adds 256 random bits, so the token is unguessable even to someone who knows the user
    // id, the session id and the time.
    const auto mint = [&deps](const services::Session& session, crypto::RandomSource& random) {
        return crypto::jwt_hs256_sign({{"userId", session.user_id},
                                       {"sessionId", session.public_id},
                                       {"iat", session.created_at.time_since_epoch().count()},
                                       {"jti", crypto::base64url_encode(random.bytes(32))}},
                                      deps.keys.jwt);
    };
    const auto signed_in =
        deps.sign_in.with_password(attempt, sign_in_client(ctx, "eclipanel"), mint, false);
    const auto& issued = signed_in.session;
    // EcliPanel hands out a csrfToken the frontend stores and echoes; bound to the session.
    const auto csrf = crypto::to_hex(crypto::hmac_sha256(deps.keys.csrf, issued.session.public_id));
    auto response = server::HttpResponse::json(200, {{"token", issued.token}, {"csrfToken", csrf}});
    response.set_cookie(session_cookie(deps.config, deps.config.eclipanel_cookie, issued.token));
    return response;
}

server::HttpResponse logout(const HandlerDeps& deps, server::RequestContext& ctx) {
    deps.sessions.end(*ctx.caller().session);
    auto response = server::HttpResponse::json(200, {{"success", true}});
    response.set_cookie(expired_token_cookie(deps));
    return response;
}

}  // namespace

server::Cookie expired_token_cookie(const HandlerDeps& deps) {
    return expired_cookie(deps.config, deps.config.eclipanel_cookie);
}

void register_auth_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "POST",
                .pattern = kLoginPath,
                .auth = server::AuthRequirement::none,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return login(deps, ctx); }});
    router.add({.method = "POST",
                .pattern = kLogoutPath,
                .auth = server::AuthRequirement::session,
                .gates = server::Gates::none,
                .handler = [&deps](server::RequestContext& ctx) { return logout(deps, ctx); },
                .gate_exemption = server::kSignOutExemption});
}

}  // namespace accountd::handlers::eclipanel
