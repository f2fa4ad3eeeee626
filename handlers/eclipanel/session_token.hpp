#pragma once
// The one way an EcliPanel sign-in ends (password now, two-factor completion, passkeys later):
// the session token minted as an HS256 JWT naming the session row, and the answer that hands
// it out (body token + csrfToken, and the `token` cookie).

#include <string>

#include "handlers/common/handler_deps.hpp"
#include "server/http_response.hpp"
#include "services/session_service.hpp"

namespace accountd::handlers::eclipanel {

/// Mints `{userId, sessionId, iat, jti}` signed with the server's JWT key. The jti adds 256
/// random bits, so the token is unguessable even to someone who knows the ids and the time; it
/// carries no `exp`: the session row's expiry is the truth (SECURITY.md's lifetimes).
services::TokenMinter session_token_minter(const HandlerDeps& deps);

/// The csrfToken EcliPanel's frontend stores and echoes: an HMAC of the session's public id,
/// so it needs no storage and dies with the session.
std::string csrf_token_for(const HandlerDeps& deps, const services::Session& session);

/// 200 {"token", "csrfToken"} with the `token` cookie (HttpOnly, SameSite=Lax, Path=/, no
/// Domain, Secure unless loopback mode, Max-Age the absolute session lifetime).
server::HttpResponse signed_in_response(const HandlerDeps& deps,
                                        const services::IssuedSession& issued);

}  // namespace accountd::handlers::eclipanel
