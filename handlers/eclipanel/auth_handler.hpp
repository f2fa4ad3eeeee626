#pragma once
// EcliPanel sign-in and the frontend's "who am I": POST /api/auth/login (a session, or a
// temp token for the two-factor step), POST /api/auth/logout, GET /api/auth/csrf-token,
// GET /api/auth/session.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kLoginPath = "/api/auth/login";
inline constexpr const char* kLogoutPath = "/api/auth/logout";
inline constexpr const char* kSessionPath = "/api/auth/session";
inline constexpr const char* kCsrfTokenPath = "/api/auth/csrf-token";

/// The gate exemption of the "who am I" reads (/api/auth/session, /api/users/me): a user
/// without the required two-factor still learns who they are, as Pterodactyl's account read
/// allows; a suspended one does not (EcliPanel answers 403 there).
inline constexpr std::string_view kWhoAmIExemption =
    "reading one's own account stays open to a user who still has to enable two-factor";

void register_auth_routes(server::Router& router, const HandlerDeps& deps);

/// The cookie that ends the browser's copy of the session token.
server::Cookie expired_token_cookie(const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
