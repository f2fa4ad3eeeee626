#pragma once
// Pterodactyl's GET /api/client/account/activity: the caller's account events, paginated, with
// `filter[event]`, `sort=(-)timestamp` and `include=actor`.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::pterodactyl {

inline constexpr const char* kActivityPath = "/api/client/account/activity";

void register_activity_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::pterodactyl
