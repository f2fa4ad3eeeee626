#pragma once
// Pterodactyl's two-factor management: GET (setup) and POST (enable)
// /api/client/account/two-factor, POST /api/client/account/two-factor/disable, and the legacy
// DELETE .../two-factor for older clients (JSON body only). Browser sessions only: an API key can
// never manage two-factor.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::pterodactyl {

inline constexpr const char* kTwoFactorPath = "/api/client/account/two-factor";
inline constexpr const char* kTwoFactorDisablePath = "/api/client/account/two-factor/disable";

void register_two_factor_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::pterodactyl
