#pragma once
// EcliPanel's /api/sessions resource (reference §3.3-§3.5): listing a user's session ids and
// ending one or all of them, for the user or a caller holding admin:access.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kSessionListPath = "/api/sessions/{userId}";
inline constexpr const char* kSessionLogoutPath = "/api/sessions/logout";
inline constexpr const char* kSessionLogoutAllPath = "/api/sessions/logout-all";

void register_sessions_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
