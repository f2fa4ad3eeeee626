#pragma once
// GET /api/client/permissions (reference calagopus.md §3.2): the three permission registries
// as ordered maps {group: {description, permissions: {name: description}}}.

#include "server/router.hpp"

namespace accountd::handlers::calagopus {

inline constexpr const char* kPermissionsPath = "/api/client/permissions";

void register_permissions_routes(server::Router& router);

}  // namespace accountd::handlers::calagopus
