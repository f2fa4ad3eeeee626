#pragma once
// EcliPanel's API keys (reference eclipanel.md §6): GET /api/apikeys/my, POST /api/apikeys,
// GET and DELETE /api/apikeys/:id. The account's keys of every dialect, addressed by their
// numeric id; a new key is 64 hex characters, shown once, stored as an HMAC. Type `admin` is a
// key without a permission list (services/key_permissions.hpp), minted for root admins only.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kApiKeysPath = "/api/apikeys";
inline constexpr const char* kMyApiKeysPath = "/api/apikeys/my";
inline constexpr const char* kApiKeyPath = "/api/apikeys/{id}";

void register_api_key_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
