#pragma once
// EcliPanel's /api/sessions resource (this slice: POST /api/sessions/logout).

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kSessionLogoutPath = "/api/sessions/logout";

void register_sessions_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
