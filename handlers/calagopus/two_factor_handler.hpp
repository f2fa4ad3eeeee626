#pragma once
// Calagopus' /api/client/account/two-factor: GET begins a setup, POST enables, DELETE (with a
// JSON body) disables. One TOTP state per account, shared with every dialect.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::calagopus {

inline constexpr const char* kTwoFactorPath = "/api/client/account/two-factor";

void register_two_factor_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::calagopus
