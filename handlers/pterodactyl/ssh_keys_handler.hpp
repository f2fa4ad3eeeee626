#pragma once
// Pterodactyl's SSH keys: GET/POST /api/client/account/ssh-keys and
// POST /api/client/account/ssh-keys/remove (a POST, because fingerprints contain '/').

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::pterodactyl {

inline constexpr const char* kSshKeysPath = "/api/client/account/ssh-keys";
inline constexpr const char* kSshKeyRemovePath = "/api/client/account/ssh-keys/remove";

void register_ssh_key_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::pterodactyl
