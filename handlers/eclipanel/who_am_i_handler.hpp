#pragma once
// EcliPanel's GET /api/auth/session, the frontend's "who am I" (reference eclipanel.md §4.5):
// the whole user shape, with the caller's session id.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

void register_who_am_i_route(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
