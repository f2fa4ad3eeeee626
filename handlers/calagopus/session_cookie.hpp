#pragma once
// Calagopus' session cookie (§8): HttpOnly, SameSite=Lax, Path=/, an Expires and no Max-Age,
// sent again with a fresh Expires on every authenticated request. The Expires follows the idle
// timeout but never passes the session's absolute end (SECURITY.md), so a browser keeps the
// cookie exactly as long as the server would honour it.

#include <string>

#include "handlers/common/handler_deps.hpp"
#include "server/http_response.hpp"
#include "services/session.hpp"

namespace accountd::handlers::calagopus {

server::Cookie calagopus_session_cookie(const HandlerDeps& deps, const services::Session& session,
                                        std::string token);

}  // namespace accountd::handlers::calagopus
