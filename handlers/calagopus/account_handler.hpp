#pragma once
// Calagopus' /api/client/account resource: read and update the profile, logout, change e-mail
// and password (reference §5). The avatar is avatar_handler.hpp's.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::calagopus {

inline constexpr const char* kAccountPath = "/api/client/account";
inline constexpr const char* kLogoutPath = "/api/client/account/logout";
inline constexpr const char* kEmailPath = "/api/client/account/email";
inline constexpr const char* kPasswordPath = "/api/client/account/password";

void register_account_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::calagopus
