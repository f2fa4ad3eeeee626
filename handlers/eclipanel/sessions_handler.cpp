#include "handlers/eclipanel/sessions_handler.hpp"

#include "handlers/eclipanel/auth_handler.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::eclipanel {
namespace {

using server::ApiError;
using server::ErrorCode;

// Body {userId, sessionId}: ends one session of that user. Only the user (or a caller holding
// admin:access, see the route) may; an unknown session id still answers success, as EcliPanel
// does, so ids cannot be probed.
server::HttpResponse logout_session(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx);
    const long long user_id = server::required_integer(body, "userId");
    const std::string session_id = server::required_string(body, "sessionId");
    const auto& caller = ctx.caller();
    if (user_id < 0 || !ctx.may_act_for(static_cast<std::uint64_t>(user_id))) {
        throw ApiError(ErrorCode::forbidden, "session of another user");
    }
    deps.sessions.end_owned(session_id, static_cast<std::uint64_t>(user_id));
    auto response = server::HttpResponse::json(200, {{"success", true}});
    if (caller.session && caller.session->public_id == session_id) {
        response.set_cookie(expired_token_cookie(deps));
    }
    return response;
}

}  // namespace

void register_sessions_routes(server::Router& router, const HandlerDeps& deps) {
    router.add(
        {.method = "POST",
         .pattern = kSessionLogoutPath,
         .auth = server::AuthRequirement::session,
         .gates = server::Gates::all,
         .handler = [&deps](server::RequestContext& ctx) { return logout_session(deps, ctx); },
         .others_permission = "admin:access"});
}

}  // namespace accountd::handlers::eclipanel
