#pragma once
// GET /api/health (liveness: touches nothing) and GET /api/health/ready (readiness: the
// database answers). The same in every dialect, for nginx, systemd and monitoring.

#include "server/router.hpp"
#include "services/repositories.hpp"

namespace accountd::handlers {

inline constexpr const char* kHealthPath = "/api/health";
inline constexpr const char* kReadyPath = "/api/health/ready";

void register_health_routes(server::Router& router, services::Readiness& readiness);

}  // namespace accountd::handlers
