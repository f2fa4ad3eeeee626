#pragma once
// EcliPanel's POST /api/users/register (reference eclipanel.md §5.1, §5.4), behind the
// dialect-neutral `registration.enabled` switch. No session is issued: the frontend signs in
// afterwards.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kRegisterPath = "/api/users/register";

void register_registration_route(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
