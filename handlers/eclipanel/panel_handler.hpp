#pragma once
// What the EcliPanel frontend reads around the account pages without signing in (reference
// eclipanel.md §4.10, §14): GET /api/panel/settings (its public settings) and
// GET /api/internal-domains (the origins its own server trusts: none here). GET /health is
// answered by nginx at the server root (nginx/accountd-eclipanel-health.conf).

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kPanelSettingsPath = "/api/panel/settings";
inline constexpr const char* kInternalDomainsPath = "/api/internal-domains";

void register_panel_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
