#pragma once
// The cookie attributes every dialect's session cookies share, as the project's security
// decisions set them: Secure unless the loopback run command turned it off, SameSite=Lax, Path=/,
// no Domain, lifetime = the session's absolute lifetime. Names and HttpOnly differ per dialect
// and cookie.

#include <string>

#include "config/config.hpp"
#include "server/http_response.hpp"

namespace accountd::handlers {

enum class ScriptAccess { http_only, readable };

server::Cookie session_cookie(const config::Config& config, std::string name, std::string value,
                              ScriptAccess access = ScriptAccess::http_only);

/// The same cookie emptied and expired, for sign-out.
server::Cookie expired_cookie(const config::Config& config, std::string name,
                              ScriptAccess access = ScriptAccess::http_only);

}  // namespace accountd::handlers
