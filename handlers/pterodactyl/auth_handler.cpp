#include "handlers/pterodactyl/auth_handler.hpp"

#include "crypto/random.hpp"
#include "handlers/common/password_sign_in.hpp"
#include "handlers/common/service_errors.hpp"
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

server::HttpResponse completed_login(const HandlerDeps& deps, const services::User& user,
                                     const services::IssuedSession& issued) {
    auto response = server::HttpResponse::json(
        200, {{"data", {{"complete", true}, {"intended", "/"}, {"user", login_user_json(user)}}}});
    set_session_cookies(response, deps, issued.session, issued.token);
    return response;
}

server::HttpResponse login(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx.request);
    // Pterodactyl does not validate these: a missing field is simply a failed sign-in.
    services::PasswordLogin attempt;
    attempt.identifier = server::optional_string(body, "user").value_or("");
    attempt.password = server::optional_string(body, "password").value_or("");
    const auto signed_in =
        sign_in_with_password(deps, ctx, attempt, "pterodactyl", mint_token, true);
    if (signed_in.confirmation_token) {
        return server::HttpResponse::json(
            200, {{"data",
                   {{"complete", false}, {"confirmation_token", *signed_in.confirmation_token}}}});
    }
    return completed_login(deps, signed_in.user, signed_in.session);
}

// The second half of a sign-in with two-factor: the confirmation token from /auth/login and a
// TOTP code (`authentication_code`) or a recovery code (`recovery_token`).
server::HttpResponse checkpoint(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx.request);
    const auto token = server::optional_string(body, "confirmation_token").value_or("");
    if (token.empty()) {
        throw ApiError::field_error(ErrorCode::missing_field, "confirmation_token", "required");
    }
    std::optional<std::string> code;
    if (const auto it = body.find("authentication_code"); it != body.end() && !it->is_null()) {
        if (it->is_number_unsigned() && it->get<std::uint64_t>() < 1000000) {
            // A JSON number loses leading zeros; put them back rather than refuse the code.
            const auto digits = std::to_string(it->get<std::uint64_t>());
            code = std::string(6 - digits.size(), '0') + digits;
        } else if (it->is_string()) {
            code = it->get<std::string>();
        } else {
            throw ApiError::field_error(ErrorCode::invalid_field, "authentication_code", "string");
        }
        if (code->empty()) code.reset();
    }
    auto recovery = server::optional_string(body, "recovery_token");
    if (recovery && recovery->empty()) recovery.reset();
    if (!code && !recovery) {
        throw ApiError::field_error(ErrorCode::missing_field, "authentication_code", "required");
    }
    // Counted per account, not per confirmation token: a new token (the password again) must
    // not buy a new round of code guesses.
    const auto account = deps.two_factor.pending_user(token, "pterodactyl");
    // A token that names no pending sign-in guesses at no account: only the per-IP limit applies.
    const auto throttle_key = services::LoginThrottle::for_account(
        account ? std::string("checkpoint|") + std::to_string(*account) : std::string());
    if (const auto wait = deps.login_throttle.claim(ctx.client_ip, throttle_key)) {
        ApiError error(ErrorCode::too_many_attempts, "checkpoint throttle");
        error.retry_after = *wait;
        throw error;
    }
    const std::string user_agent(ctx.request.header("user-agent").substr(0, 255));
    services::CheckpointResult result;
    try {
        result = deps.two_factor.checkpoint(token, "pterodactyl", code, recovery, deps.users);
    } catch (const services::TwoFactorError& e) {
        deps.log.info("login.checkpoint_fail", {{"dialect", "pterodactyl"}, {"ip", ctx.client_ip}});
        // The account owner sees failed second factors too; Pterodactyl logs them with a null
        // username.
        if (account) {
            deps.activity.record(
                {"auth:fail",
                 std::nullopt,
                 *account,
                 ctx.client_ip,
                 {{"ip", ctx.client_ip}, {"useragent", user_agent}, {"username", nullptr}},
                 std::nullopt});
        }
        auto error = api_error_of(e);
        // The checkpoint words a bad code differently from the enable form.
        if (e.kind == services::TwoFactorError::Kind::invalid_code) error.rule = "checkpoint_code";
        throw error;
    }
    deps.login_throttle.succeeded(ctx.client_ip, throttle_key);
    const auto id = result.user.id;
    // The sign-in is complete now: the address becomes known to the account.
    deps.login_throttle.remember_address(
        ctx.client_ip, services::LoginThrottle::for_sign_in(id, result.user.username));
    deps.activity.record({result.used_recovery_code ? "auth:recovery-token" : "auth:token",
                          id,
                          id,
                          ctx.client_ip,
                          {{"ip", ctx.client_ip}, {"useragent", user_agent}},
                          std::nullopt});
    deps.activity.record({"auth:success",
                          id,
                          id,
                          ctx.client_ip,
                          {{"ip", ctx.client_ip}, {"useragent", user_agent}},
                          std::nullopt});
    const auto issued =
        deps.sessions.start(result.user, "pterodactyl", ctx.client_ip, user_agent, mint_token);
    deps.log.info("login.success", {{"dialect", "pterodactyl"},
                                    {"user", std::to_string(id)},
                                    {"ip", ctx.client_ip},
                                    {"factor", result.used_recovery_code ? "recovery" : "totp"}});
    return completed_login(deps, result.user, issued);
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
    router.add({"POST", kLoginPath, server::AuthRequirement::none, server::Gates::all,
                [&deps](server::RequestContext& ctx) { return login(deps, ctx); }});
    router.add({"POST", kCheckpointPath, server::AuthRequirement::none, server::Gates::all,
                [&deps](server::RequestContext& ctx) { return checkpoint(deps, ctx); }});
    router.add({"POST", kLogoutPath, server::AuthRequirement::session, server::Gates::none,
                [&deps](server::RequestContext& ctx) { return logout(deps, ctx); }});
    router.add({"GET", kCsrfCookiePath, server::AuthRequirement::none, server::Gates::all,
                [&deps](server::RequestContext& ctx) { return csrf_cookie(deps, ctx); }});
}

}  // namespace accountd::handlers::pterodactyl
