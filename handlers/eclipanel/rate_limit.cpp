#include "handlers/eclipanel/rate_limit.hpp"

#include <string>

#include "server/api_error.hpp"

namespace accountd::handlers::eclipanel {

void spend_limit(const HandlerDeps& deps, std::string_view bucket,
                 const config::RateWindow& window) {
    if (deps.limiter == nullptr || window.hits == 0) return;
    std::string name = "ecli:";
    name += bucket;
    const auto decision = deps.limiter->hit(name, deps.clock.now().time_since_epoch().count(),
                                            window.hits, window.window_seconds);
    if (decision.allowed) return;
    server::ApiError error(server::ErrorCode::rate_limited, "EcliPanel route limit spent");
    error.retry_after = static_cast<int>(decision.retry_after);
    throw error;
}

}  // namespace accountd::handlers::eclipanel
