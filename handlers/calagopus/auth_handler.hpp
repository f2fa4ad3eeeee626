#pragma once
// Calagopus sign-in: POST /api/auth/login, its two-factor checkpoint, and registration.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::calagopus {

inline constexpr const char* kLoginPath = "/api/auth/login";
inline constexpr const char* kCheckpointPath = "/api/auth/login/checkpoint";
inline constexpr const char* kRegisterPath = "/api/auth/register";

void register_auth_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::calagopus
