#include "handlers/pterodactyl/auth_handler.hpp"

#include "crypto/random.hpp"
#include "handlers/common/password_sign_in.hpp"
#include "handlers/common/session_cookie.hpp"
#include "handlers/pterodactyl/pterodactyl_dialect.hpp"
#include "handlers/pterodactyl/user_transformer.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

using server::ApiError;
using server::ErrorCode;

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

server::HttpResponse login(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx.request);
    // Pterodactyl does not validate these: a missing field is simply a failed sign-in.
    services::PasswordLogin attempt;
    attempt.identifier = server::optional_string(body, "user").value_or("");
    attempt.password = server::optional_string(body, "password").value_or("");
    const auto signed_in = sign_in_with_password(deps, ctx, attempt, "pterodactyl", mint_token);
    auto response = server::HttpResponse::json(
        200,
        {{"data",
          {{"complete", true}, {"intended", "/"}, {"user", login_user_json(signed_in.user)}}}});
    set_session_cookies(response, deps, signed_in.session.session, signed_in.session.token);
    return response;
}

server::HttpResponse logout(const HandlerDeps& deps, server::RequestContext& ctx) {
    deps.sessions.end(*ctx.caller().session);
    auto response = server::HttpResponse::no_content();
    response.set_cookie(expired_cookie(deps.config, deps.config.pterodactyl_cookie));
    response.set_cookie(expired_cookie(deps.config, kXsrfCookie, ScriptAccess::readable));
    return response;
}

// The SPA calls this before signing in. With a live session it refreshes the XSRF cookie;
// without one there is nothing to bind a token to, and sign-in itself needs none.
server::HttpResponse csrf_cookie(const HandlerDeps& deps, server::RequestContext& ctx) {
    auto response = server::HttpResponse::no_content();
    if (const auto token = ctx.request.cookie(deps.config.pterodactyl_cookie)) {
        if (const auto live = deps.sessions.resume(*token, ctx.client_ip);
            live && live->session.dialect == "pterodactyl") {
            response.set_cookie(session_cookie(deps.config, kXsrfCookie,
                                               xsrf_token_for(deps.keys, live->session),
                                               ScriptAccess::readable));
        }
    }
    return response;
}

}  // namespace

void register_auth_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({"POST", kLoginPath, server::AuthRequirement::none, false,
                [&deps](server::RequestContext& ctx) { return login(deps, ctx); }});
    router.add({"POST", kLogoutPath, server::AuthRequirement::session, true,
                [&deps](server::RequestContext& ctx) { return logout(deps, ctx); }});
    router.add({"GET", kCsrfCookiePath, server::AuthRequirement::none, false,
                [&deps](server::RequestContext& ctx) { return csrf_cookie(deps, ctx); }});
}

}  // namespace accountd::handlers::pterodactyl
