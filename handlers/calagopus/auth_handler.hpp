#pragma once
// Calagopus sign-in: POST /api/auth/login.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::calagopus {

inline constexpr const char* kLoginPath = "/api/auth/login";

void register_auth_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::calagopus
