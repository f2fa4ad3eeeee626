#include "handlers/eclipanel/who_am_i_handler.hpp"

#include "handlers/eclipanel/auth_handler.hpp"
#include "handlers/eclipanel/user_target.hpp"

namespace accountd::handlers::eclipanel {
namespace {

server::HttpResponse who_am_i(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& caller = ctx.caller();
    std::optional<std::string> session_id;
    if (caller.session) session_id = caller.session->public_id;
    // EcliPanel lists the permissions of the user's roles; accountd has no roles (a root admin
    // is told by `role`, as the frontend's admin check reads it), so the list is empty.
    return server::HttpResponse::json(
        200, {{"user", session_user_json(view_of(deps, caller.user), deps.config, session_id,
                                         nlohmann::ordered_json::array())}});
}

}  // namespace

void register_who_am_i_route(server::Router& router, const HandlerDeps& deps) {
    // EcliPanel refuses a suspended account everywhere, this included (403). An API key learns
    // its owner too, without a sessionId (§4.5).
    router.add({.method = "GET",
                .pattern = kSessionPath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::except_two_factor,
                .handler = [&deps](server::RequestContext& ctx) { return who_am_i(deps, ctx); },
                .gate_exemption = kWhoAmIExemption});
}

}  // namespace accountd::handlers::eclipanel
