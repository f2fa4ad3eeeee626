#pragma once
// Pterodactyl's GET /api/client/permissions: the catalogue of subuser permissions its SPA
// shows when a server owner edits a subuser. The texts are wire data: the SPA prints them.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::pterodactyl {

inline constexpr const char* kPermissionsPath = "/api/client/permissions";

/// The `system_permissions` resource, groups and keys in Pterodactyl's order.
nlohmann::ordered_json permissions_resource();

void register_permissions_routes(server::Router& router);

}  // namespace accountd::handlers::pterodactyl
