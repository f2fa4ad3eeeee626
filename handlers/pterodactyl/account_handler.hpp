#pragma once
// Pterodactyl's /api/client/account resource: read, change e-mail, change password.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::pterodactyl {

inline constexpr const char* kAccountPath = "/api/client/account";
inline constexpr const char* kEmailPath = "/api/client/account/email";
inline constexpr const char* kPasswordPath = "/api/client/account/password";

void register_account_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::pterodactyl
