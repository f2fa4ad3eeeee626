#pragma once
// Calagopus' /api/client/account resource: read and logout.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::calagopus {

inline constexpr const char* kAccountPath = "/api/client/account";
inline constexpr const char* kLogoutPath = "/api/client/account/logout";

void register_account_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::calagopus
