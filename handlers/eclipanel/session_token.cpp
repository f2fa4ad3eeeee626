#include "handlers/eclipanel/session_token.hpp"

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/jwt.hpp"
#include "handlers/common/session_cookie.hpp"

namespace accountd::handlers::eclipanel {

services::TokenMinter session_token_minter(const HandlerDeps& deps) {
    return [&deps](const services::Session& session, crypto::RandomSource& random) {
        return crypto::jwt_hs256_sign({{"userId", session.user_id},
                                       {"sessionId", session.public_id},
                                       {"iat", session.created_at.time_since_epoch().count()},
                                       {"jti", crypto::base64url_encode(random.bytes(32))}},
                                      deps.keys.jwt);
    };
}

std::string csrf_token_for(const HandlerDeps& deps, const services::Session& session) {
    return crypto::to_hex(crypto::hmac_sha256(deps.keys.csrf, session.public_id));
}

server::HttpResponse signed_in_response(const HandlerDeps& deps,
                                        const services::IssuedSession& issued) {
    auto response = server::HttpResponse::json(
        200, {{"token", issued.token}, {"csrfToken", csrf_token_for(deps, issued.session)}});
    response.set_cookie(session_cookie(deps.config, deps.config.eclipanel_cookie, issued.token));
    return response;
}

}  // namespace accountd::handlers::eclipanel
