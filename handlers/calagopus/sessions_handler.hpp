#pragma once
// Calagopus' /api/client/account/sessions: the account's sessions of every dialect, one ended,
// or all but the caller's. The database is the only truth, so an ended session is dead in every
// dialect at once.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::calagopus {

inline constexpr const char* kSessionsPath = "/api/client/account/sessions";
inline constexpr const char* kSessionPath = "/api/client/account/sessions/{uuid}";

void register_sessions_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::calagopus
