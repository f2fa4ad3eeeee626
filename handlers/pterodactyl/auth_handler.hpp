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

/// Sets the XSRF-TOKEN cookie for the caller's session, or for a visitor a guest session cookie
/// and its XSRF-TOKEN (as Laravel starts a session for every visitor), and returns the token.
std::string set_xsrf_cookies(const HandlerDeps& deps, const server::RequestContext& ctx,
                             server::HttpResponse& response);

}  // namespace accountd::handlers::pterodactyl
