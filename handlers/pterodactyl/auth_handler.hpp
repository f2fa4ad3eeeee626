#pragma once
// Pterodactyl's web sign-in used by its SPA: POST /auth/login, POST /auth/login/checkpoint,
// POST /auth/logout and GET /sanctum/csrf-cookie.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::pterodactyl {

inline constexpr const char* kLoginPath = "/auth/login";
inline constexpr const char* kCheckpointPath = "/auth/login/checkpoint";
inline constexpr const char* kLogoutPath = "/auth/logout";
inline constexpr const char* kCsrfCookiePath = "/sanctum/csrf-cookie";

void register_auth_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::pterodactyl
