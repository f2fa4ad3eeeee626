#pragma once
// Calagopus' /api/client/account/ssh-keys resource (reference calagopus.md §10): list with
// search, add, import from GitHub/GitLab/Launchpad, rename, delete. The keys are the same rows
// Pterodactyl's /api/client/account/ssh-keys shows (services/ssh_key_service).

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::calagopus {

inline constexpr const char* kSshKeysPath = "/api/client/account/ssh-keys";
inline constexpr const char* kSshKeyImportPath = "/api/client/account/ssh-keys/import";
inline constexpr const char* kSshKeyPath = "/api/client/account/ssh-keys/{uuid}";

void register_ssh_key_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::calagopus
