#pragma once
// Calagopus' GET /api/client/account/activity: the account's log, newest first, paged, searched
// on the event names Calagopus shows (reference §5, §15).

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::calagopus {

inline constexpr const char* kActivityPath = "/api/client/account/activity";

void register_activity_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::calagopus
