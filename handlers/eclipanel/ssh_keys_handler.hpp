#pragma once
// EcliPanel's SSH keys (reference eclipanel.md §7): GET/POST /api/ssh-keys, PUT/DELETE
// /api/ssh-keys/:id. The same rows Pterodactyl and Calagopus show, addressed by their numeric
// id. EcliPanel lets any API key manage them; here a key needs sshkeys:read, sshkeys:create,
// sshkeys:update or sshkeys:delete (Calagopus' ssh-keys.* in EcliPanel's spelling).

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kSshKeysPath = "/api/ssh-keys";
inline constexpr const char* kSshKeyPath = "/api/ssh-keys/{id}";

void register_ssh_key_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
