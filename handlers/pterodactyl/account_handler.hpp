#pragma once
// Pterodactyl's /api/client/account resource.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::pterodactyl {

inline constexpr const char* kAccountPath = "/api/client/account";

void register_account_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::pterodactyl
