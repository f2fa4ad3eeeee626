#include "handlers/pterodactyl/account_handler.hpp"

#include "handlers/pterodactyl/user_transformer.hpp"

namespace accountd::handlers::pterodactyl {

void register_account_routes(server::Router& router, const HandlerDeps& /*deps*/) {
    // Exempt from the account gates, as in Pterodactyl: the SPA must be able to show the
    // account page that tells the user to enable two-factor.
    router.add(
        {"GET", kAccountPath, server::AuthRequirement::session, true,
         [](server::RequestContext& ctx) {
             return server::HttpResponse::json(
                 200, {{"object", "user"}, {"attributes", account_attributes(ctx.caller().user)}});
         }});
}

}  // namespace accountd::handlers::pterodactyl
