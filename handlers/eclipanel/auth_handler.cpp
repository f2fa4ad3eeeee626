#include "handlers/eclipanel/auth_handler.hpp"

#include "handlers/common/session_cookie.hpp"
#include "handlers/common/sign_in_client.hpp"
#include "handlers/eclipanel/refusal.hpp"
#include "handlers/eclipanel/session_token.hpp"
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
    const auto signed_in = deps.sign_in.with_password(attempt, sign_in_client(ctx, "eclipanel"),
                                                      session_token_minter(deps), true);
    if (signed_in.status == services::SignInOutcome::Status::second_factor_needed) {
        // The temp token is the pending sign-in's confirmation token: single use, bound to that
        // sign-in and this dialect, dead after the checkpoint's time (EcliPanel's 5 minutes).
        return server::HttpResponse::json(
            200, {{"twoFactorRequired", true}, {"tempToken", signed_in.confirmation_token}});
    }
    return signed_in_response(deps, signed_in.session);
}

// A session caller ends that session; an API-key caller has none to end (as in EcliPanel),
// and gets the same answer.
server::HttpResponse logout(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& caller = ctx.caller();
    auto response = server::HttpResponse::json(200, {{"success", true}});
    if (caller.session) {
        deps.sessions.end(*caller.session);
        // EcliPanel means to clear the cookie and fails to (reference §3.2); we do.
        response.set_cookie(expired_token_cookie(deps));
    }
    return response;
}

// Only a session has a CSRF token (EcliPanel: 401 "Unauthorized" without a JWT sessionId). The
// token is never required (§3.6): the Origin check protects cookie writes.
server::HttpResponse csrf_token(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& caller = ctx.caller();
    if (!caller.session) refuse(401, "Unauthorized");
    return server::HttpResponse::json(200, {{"csrfToken", csrf_token_for(deps, *caller.session)}});
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
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::none,
                .handler = [&deps](server::RequestContext& ctx) { return logout(deps, ctx); },
                .gate_exemption = server::kSignOutExemption});
    router.add({.method = "GET",
                .pattern = kCsrfTokenPath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::except_two_factor,
                .handler = [&deps](server::RequestContext& ctx) { return csrf_token(deps, ctx); },
                .gate_exemption = "the frontend asks for it before any write, enrolling in "
                                  "two-factor (how the gate is passed) included"});
}

}  // namespace accountd::handlers::eclipanel
