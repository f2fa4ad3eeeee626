#pragma once
// EcliPanel's PUT /api/users/:id (reference eclipanel.md §5.7): profile, password, e-mail and
// settings in one request, checked in the reference's order and written only once every check
// has passed.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kUserPath = "/api/users/{id}";

void register_user_update_route(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
