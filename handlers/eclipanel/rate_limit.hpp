#pragma once
// EcliPanel's per-route limits (reference eclipanel.md §11), counted in the counters every
// worker of one master shares. Where those are missing or full a request passes: a limit
// protects the service and must not become an outage itself (EcliPanel fails closed when Redis
// is down). Sign-ins keep the database-backed throttle besides, shared by every host.

#include <string_view>

#include "config/config.hpp"
#include "handlers/common/handler_deps.hpp"

namespace accountd::handlers::eclipanel {

/// Counts one request under `bucket` (e.g. "apikey-create:user:<id>") against `window`;
/// throws ApiError rate_limited, answered 429 {"error":"rate_limited","retryAfter":n} with
/// Retry-After, once the window's hits are spent. A window of 0 hits is no limit.
void spend_limit(const HandlerDeps& deps, std::string_view bucket,
                 const config::RateWindow& window);

}  // namespace accountd::handlers::eclipanel
