#include "handlers/common/session_cookie.hpp"

namespace accountd::handlers {

server::Cookie session_cookie(const config::Config& config, std::string name, std::string value,
                              ScriptAccess access) {
    return {std::move(name),
            std::move(value),
            config.session_absolute_lifetime,
            access == ScriptAccess::http_only,
            config.cookie_secure,
            "Lax",
            "/"};
}

server::Cookie expired_cookie(const config::Config& config, std::string name, ScriptAccess access) {
    return {std::move(name),      "",    0,  access == ScriptAccess::http_only,
            config.cookie_secure, "Lax", "/"};
}

}  // namespace accountd::handlers
