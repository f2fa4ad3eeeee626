#include "handlers/eclipanel/users_handler.hpp"

#include "handlers/eclipanel/auth_handler.hpp"
#include "handlers/eclipanel/user_json.hpp"

namespace accountd::handlers::eclipanel {

void register_users_routes(server::Router& router, const HandlerDeps& /*deps*/) {
    router.add({.method = "GET",
                .pattern = kMePath,
                .auth = server::AuthRequirement::session,
                .gates = server::Gates::except_two_factor,
                .handler =
                    [](server::RequestContext& ctx) {
                        return server::HttpResponse::json(200, user_schema_json(ctx.caller().user));
                    },
                .gate_exemption = kWhoAmIExemption});
}

}  // namespace accountd::handlers::eclipanel
