#pragma once
// What Calagopus' frontend reads before anyone signs in (reference §14): GET /api/settings from
// accountd's configuration, /api/languages, /api/announcements (none) and /api/auth/oauth (no
// providers). Public routes.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::calagopus {

inline constexpr const char* kSettingsPath = "/api/settings";
inline constexpr const char* kLanguagesPath = "/api/languages";
inline constexpr const char* kAnnouncementsPath = "/api/announcements";
inline constexpr const char* kOAuthProvidersPath = "/api/auth/oauth";

void register_public_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::calagopus
