#pragma once
// EcliPanel's POST /api/users/:id/avatar (reference eclipanel.md §5.8): a multipart `file`, made
// into the account's one avatar by the same service and image library as Calagopus' upload
// (services/avatar_service, media/avatar_image).

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kAvatarPath = "/api/users/{id}/avatar";

void register_avatar_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
