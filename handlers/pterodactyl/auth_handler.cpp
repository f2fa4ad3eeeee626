#include "handlers/pterodactyl/auth_handler.hpp"

#include "crypto/random.hpp"
#include "handlers/common/session_cookie.hpp"
#include "handlers/common/sign_in_client.hpp"
#include "handlers/pterodactyl/pterodactyl_dialect.hpp"
#include "handlers/pterodactyl/request_body.hpp"
#include "handlers/pterodactyl/user_transformer.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

// Laravel session ids are 40 alphanumerics; 48 give 285 bits.
std::string mint_token(const services::Session&, crypto::RandomSource& random) {
    return crypto::random_alphanumeric(random, 48);
}

void set_session_cookies(server::HttpResponse& response, const HandlerDeps& deps,
                         const services::Session& session, const std::string& token) {
    response.set_cookie(session_cookie(deps.config, deps.config.pterodactyl_cookie, token));
    // Readable by the SPA (not HttpOnly): axios copies it into X-XSRF-TOKEN.
    response.set_cookie(session_cookie(deps.config, kXsrfCookie, xsrf_token_for(deps.keys, session),
                                       ScriptAccess::readable));
}

server::HttpResponse completed_login(const HandlerDeps& deps, const services::User& user,
                                     const services::IssuedSession& issued) {
    auto response = server::HttpResponse::json(
        200, {{"data", {{"complete", true}, {"intended", "/"}, {"user", login_user_json(user)}}}});
    set_session_cookies(response, deps, issued.session, issued.token);
    return response;
}

server::HttpResponse login(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_body(ctx);
    // Pterodactyl does not validate these: a missing field is simply a failed sign-in.
    services::PasswordLogin attempt;
    attempt.identifier = server::optional_string(body, "user").value_or("");
    attempt.password = server::optional_string(body, "password").value_or("");
    const auto outcome =
        deps.sign_in.with_password(attempt, sign_in_client(ctx, "pterodactyl"), mint_token, true);
    switch (outcome.status) {
        case services::SignInOutcome::Status::second_factor_needed:
            return server::HttpResponse::json(
                200, {{"data",
                       {{"complete", false}, {"confirmation_token", outcome.confirmation_token}}}});
        case services::SignInOutcome::Status::completed:
            break;
    }
    return completed_login(deps, outcome.user, outcome.session);
}

// The second half of a sign-in with two-factor: the confirmation token from /auth/login and a
// TOTP code (`authentication_code`) or a recovery code (`recovery_token`).
server::HttpResponse checkpoint(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_body(ctx);
    const auto token = server::optional_string(body, "confirmation_token").value_or("");
    if (token.empty()) {
        throw services::ServiceError::invalid("confirmation_token", services::Rule::required);
    }
    services::SecondFactor factor;
    if (const auto it = body.find("authentication_code"); it != body.end() && !it->is_null()) {
        if (it->is_number_unsigned() && it->get<std::uint64_t>() < 1000000) {
            // A JSON number loses leading zeros; put them back rather than refuse the code.
            const auto digits = std::to_string(it->get<std::uint64_t>());
            factor.totp_code = std::string(6 - digits.size(), '0') + digits;
        } else if (it->is_string()) {
            factor.totp_code = it->get<std::string>();
        } else {
            throw services::ServiceError::invalid("authentication_code", services::Rule::string);
        }
        if (factor.totp_code->empty()) factor.totp_code.reset();
    }
    factor.recovery_code = server::optional_string(body, "recovery_token");
    if (factor.recovery_code && factor.recovery_code->empty()) factor.recovery_code.reset();
    if (!factor.totp_code && !factor.recovery_code) {
        throw services::ServiceError::invalid("authentication_code", services::Rule::required);
    }
    const auto outcome = deps.sign_in.with_second_factor(
        token, factor, sign_in_client(ctx, "pterodactyl"), mint_token);
    return completed_login(deps, outcome.user, outcome.session);
}

server::HttpResponse logout(const HandlerDeps& deps, server::RequestContext& ctx) {
    deps.sessions.end(*ctx.caller().session);
    auto response = server::HttpResponse::no_content();
    response.set_cookie(expired_cookie(deps.config, deps.config.pterodactyl_cookie));
    response.set_cookie(expired_cookie(deps.config, kXsrfCookie, ScriptAccess::readable));
    return response;
}

// The SPA calls this before signing in (Sanctum's route).
server::HttpResponse csrf_cookie(const HandlerDeps& deps, server::RequestContext& ctx) {
    auto response = server::HttpResponse::no_content();
    set_xsrf_cookies(deps, ctx, response);
    return response;
}

}  // namespace

// A guest value names no stored session (nothing is written for anonymous requests), so it
// authenticates nothing, and sign-in mints a new token whatever cookie it finds.
std::string set_xsrf_cookies(const HandlerDeps& deps, const server::RequestContext& ctx,
                             server::HttpResponse& response) {
    std::string xsrf;
    if (ctx.principal && ctx.principal->session) {
        xsrf = xsrf_token_for(deps.keys, *ctx.principal->session);
    } else {
        auto guest = ctx.request.cookie(deps.config.pterodactyl_cookie).value_or("");
        if (!is_guest_token(guest)) {
            guest = crypto::random_alphanumeric(deps.random, kGuestTokenLength);
        }
        response.set_cookie(session_cookie(deps.config, deps.config.pterodactyl_cookie, guest));
        xsrf = guest_xsrf_token_for(deps.keys, guest);
    }
    response.set_cookie(session_cookie(deps.config, kXsrfCookie, xsrf, ScriptAccess::readable));
    return xsrf;
}

void register_auth_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "POST",
                .pattern = kLoginPath,
                .auth = server::AuthRequirement::none,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return login(deps, ctx); }});
    router.add({.method = "POST",
                .pattern = kCheckpointPath,
                .auth = server::AuthRequirement::none,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return checkpoint(deps, ctx); }});
    router.add({.method = "POST",
                .pattern = kLogoutPath,
                .auth = server::AuthRequirement::session,
                .gates = server::Gates::none,
                .handler = [&deps](server::RequestContext& ctx) { return logout(deps, ctx); },
                .gate_exemption = server::kSignOutExemption});
    router.add({.method = "GET",
                .pattern = kCsrfCookiePath,
                .auth = server::AuthRequirement::session,
                .gates = server::Gates::none,
                .handler = [&deps](server::RequestContext& ctx) { return csrf_cookie(deps, ctx); },
                .auth_optional = true,
                // The SPA fetches the XSRF token before it signs out.
                .gate_exemption = server::kSignOutExemption});
}

}  // namespace accountd::handlers::pterodactyl
