#pragma once
// EcliPanel's /api/users resource (this slice: GET /api/users/me).

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kMePath = "/api/users/me";

void register_users_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
