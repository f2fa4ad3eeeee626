#pragma once
// EcliPanel sign-in and the frontend's "who am I": POST /api/auth/login, POST /api/auth/logout,
// GET /api/auth/session.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kLoginPath = "/api/auth/login";
inline constexpr const char* kLogoutPath = "/api/auth/logout";
inline constexpr const char* kSessionPath = "/api/auth/session";

void register_auth_routes(server::Router& router, const HandlerDeps& deps);

/// The cookie that ends the browser's copy of the session token.
server::Cookie expired_token_cookie(const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
