#include "handlers/calagopus/auth_handler.hpp"

#include "crypto/encoding.hpp"
#include "crypto/random.hpp"
#include "handlers/calagopus/payload.hpp"
#include "handlers/calagopus/user_json.hpp"
#include "handlers/common/session_cookie.hpp"
#include "handlers/common/sign_in_client.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::calagopus {
namespace {

// Calagopus' format: a 16-character key id, ':', and 64 hex characters (here 256 random bits).
std::string mint_token(const services::Session&, crypto::RandomSource& random) {
    return crypto::random_alphanumeric(random, 16) + ":" + crypto::to_hex(random.bytes(32));
}

server::HttpResponse login(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    services::PasswordLogin attempt;
    attempt.identifier = server::required_string(body, "user");
    attempt.password = server::required_string(body, "password");
    (void)server::optional_string(body, "captcha");  // type-checked; no captcha provider here
    const auto signed_in =
        deps.sign_in.with_password(attempt, sign_in_client(ctx, "calagopus"), mint_token, false);
    auto response = server::HttpResponse::json(
        200, {{"type", "completed"}, {"user", full_user_json(signed_in.user, deps.config)}});
    response.set_cookie(
        session_cookie(deps.config, deps.config.calagopus_cookie, signed_in.session.token));
    return response;
}

}  // namespace

void register_auth_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "POST",
                .pattern = kLoginPath,
                .auth = server::AuthRequirement::none,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return login(deps, ctx); }});
}

}  // namespace accountd::handlers::calagopus
