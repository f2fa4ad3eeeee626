#include "handlers/calagopus/account_handler.hpp"

#include "handlers/calagopus/payload.hpp"
#include "handlers/calagopus/user_json.hpp"
#include "handlers/common/account_changes.hpp"
#include "handlers/common/session_cookie.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"
#include "services/user_service.hpp"

namespace accountd::handlers::calagopus {
namespace {

server::HttpResponse read_account(const HandlerDeps& deps, server::RequestContext& ctx) {
    return server::HttpResponse::json(200,
                                      {{"user", full_user_json(ctx.caller().user, deps.config)}});
}

server::HttpResponse logout(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& caller = ctx.caller();
    if (!caller.session) throw server::ApiError(server::ErrorCode::session_auth_required);
    deps.sessions.end(*caller.session);
    auto response = server::HttpResponse::json(200, nlohmann::ordered_json::object());
    response.set_cookie(expired_cookie(deps.config, deps.config.calagopus_cookie));
    return response;
}

// Calagopus validates the body first, then the password, then uniqueness (409).
server::HttpResponse update_email(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    const auto email = server::required_string(body, "email");
    const auto password = server::required_string(body, "password");
    if (!services::is_plausible_email(email)) {
        throw services::ServiceError::invalid("email", services::Rule::email);
    }
    deps.password_confirmation.run(ctx.caller().user.id, ctx.client_ip,
                                   [&] { change_own_email(deps, ctx, password, email); });
    return server::HttpResponse::json(200, nlohmann::ordered_json::object());
}

// Body {password (current), new_password}; no confirmation field, as in Calagopus.
server::HttpResponse update_password(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    const auto current = server::required_string(body, "password");
    const auto fresh = server::required_string(body, "new_password");
    deps.password_confirmation.run(ctx.caller().user.id, ctx.client_ip, [&] {
        change_own_password(deps, ctx, current, fresh, std::nullopt, "new_password");
    });
    return server::HttpResponse::json(200, nlohmann::ordered_json::object());
}

}  // namespace

void register_account_routes(server::Router& router, const HandlerDeps& deps) {
    router.add(
        {.method = "GET",
         .pattern = kAccountPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::none,
         .handler = [&deps](server::RequestContext& ctx) { return read_account(deps, ctx); },
         .gate_exemption = "Calagopus lets suspended and 2FA-pending users read their account"});
    router.add({.method = "POST",
                .pattern = kLogoutPath,
                // A key reaches the handler to hear Calagopus' 400 (sessions only).
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::none,
                .handler = [&deps](server::RequestContext& ctx) { return logout(deps, ctx); },
                .gate_exemption = server::kSignOutExemption});
    router.add({.method = "PUT",
                .pattern = kEmailPath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return update_email(deps, ctx); },
                .key_permission = "account.email"});
    router.add(
        {.method = "PUT",
         .pattern = kPasswordPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::all,
         .handler = [&deps](server::RequestContext& ctx) { return update_password(deps, ctx); },
         .key_permission = "account.password"});
}

}  // namespace accountd::handlers::calagopus
