#pragma once
// Pterodactyl's account API keys: GET/POST /api/client/account/api-keys and
// DELETE /api/client/account/api-keys/{identifier}.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::pterodactyl {

inline constexpr const char* kApiKeysPath = "/api/client/account/api-keys";
inline constexpr const char* kApiKeyPath = "/api/client/account/api-keys/{identifier}";

void register_api_key_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::pterodactyl
