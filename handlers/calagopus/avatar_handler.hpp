#pragma once
// Calagopus' PUT and DELETE /api/client/account/avatar: the raw image body becomes the
// account's 512x512 WebP avatar (services/avatar_service.hpp), served by nginx (reference §5).

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::calagopus {

inline constexpr const char* kAvatarPath = "/api/client/account/avatar";

void register_avatar_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::calagopus
