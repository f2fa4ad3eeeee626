#pragma once
// EcliPanel's /api/users resource (reference eclipanel.md §5): the account reads
// (GET /api/users/me, GET /api/users/:id) and the user-setting routes of §5.8 (guide,
// favorites, terms-consent, consent, export-jobs). PUT, registration and the avatar have files
// of their own; register_users_routes adds them all.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kMePath = "/api/users/me";
inline constexpr const char* kUserReadPath = "/api/users/{id}";
inline constexpr const char* kGuidePath = "/api/users/{id}/guide";
inline constexpr const char* kFavoritesPath = "/api/users/me/favorites";
inline constexpr const char* kTermsConsentPath = "/api/users/me/terms-consent";
inline constexpr const char* kConsentPath = "/api/users/me/consent";
inline constexpr const char* kExportJobsPath = "/api/users/me/export-jobs";

void register_users_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
