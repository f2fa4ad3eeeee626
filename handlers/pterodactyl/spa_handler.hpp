#pragma once
// The pages of Pterodactyl's SPA that accountd serves when the operator configures an index
// template (pterodactyl.index_template), reference 7.7 and 7.8:
//   GET /auth/...                 the sign-in pages; a signed-in session is sent to /
//   GET /, /account, /account/... the panel's pages; a visitor is sent to /auth/login
// each the template with the bootstrap data for the caller's session.

#include "handlers/common/handler_deps.hpp"
#include "handlers/pterodactyl/spa_shell.hpp"
#include "server/router.hpp"

namespace accountd::handlers::pterodactyl {

/// `shell` must outlive the router.
void register_spa_routes(server::Router& router, const HandlerDeps& deps, const SpaShell& shell);

}  // namespace accountd::handlers::pterodactyl
