#include "handlers/calagopus/account_handler.hpp"

#include "handlers/calagopus/user_json.hpp"
#include "handlers/common/session_cookie.hpp"
#include "server/api_error.hpp"

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

}  // namespace

void register_account_routes(server::Router& router, const HandlerDeps& deps) {
    // Both stay reachable for suspended or 2FA-pending accounts, as in Calagopus.
    router.add({"GET", kAccountPath, server::AuthRequirement::session, true,
                [&deps](server::RequestContext& ctx) { return read_account(deps, ctx); }});
    router.add({"POST", kLogoutPath, server::AuthRequirement::session, true,
                [&deps](server::RequestContext& ctx) { return logout(deps, ctx); }});
}

}  // namespace accountd::handlers::calagopus
