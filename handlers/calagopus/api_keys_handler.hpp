#pragma once
// /api/client/account/api-keys (reference calagopus.md §6): list, create, PATCH, DELETE,
// recreate and lookup by identifier, over every key of the account (c7sp_ and ptlc_ alike).

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::calagopus {

inline constexpr const char* kApiKeysPath = "/api/client/account/api-keys";
inline constexpr const char* kApiKeyPath = "/api/client/account/api-keys/{uuid}";
inline constexpr const char* kApiKeyRecreatePath = "/api/client/account/api-keys/{uuid}/recreate";
inline constexpr const char* kApiKeyIdentifierPath =
    "/api/client/account/api-keys/identifier/{identifier}";

void register_api_key_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::calagopus
