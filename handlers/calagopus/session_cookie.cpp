#include "handlers/calagopus/session_cookie.hpp"

#include <algorithm>

#include "handlers/common/session_cookie.hpp"

namespace accountd::handlers::calagopus {

server::Cookie calagopus_session_cookie(const HandlerDeps& deps, const services::Session& session,
                                        std::string token) {
    auto cookie = session_cookie(deps.config, deps.config.calagopus_cookie, std::move(token));
    const auto now = deps.clock.now();
    const auto idle_end = now + std::chrono::seconds(deps.config.session_idle_timeout);
    const auto end = std::min(idle_end, session.expires_at);
    cookie.expires_at =
        std::chrono::duration_cast<std::chrono::seconds>(end.time_since_epoch()).count();
    return cookie;
}

}  // namespace accountd::handlers::calagopus
