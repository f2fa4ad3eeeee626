#include "handlers/calagopus/auth_handler.hpp"

#include "crypto/encoding.hpp"
#include "crypto/random.hpp"
#include "handlers/calagopus/user_json.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::calagopus {
namespace {

using server::ApiError;
using server::ErrorCode;

// Calagopus' format: a 16-character key id, ':', and 64 hex characters (here 256 random bits).
std::string mint_token(const services::Session&, crypto::RandomSource& random) {
    return crypto::random_alphanumeric(random, 16) + ":" + crypto::to_hex(random.bytes(32));
}

server::HttpResponse login(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx.request);
    services::PasswordLogin attempt;
    attempt.identifier = server::required_string(body, "user");
    attempt.password = server::required_string(body, "password");
    (void)server::optional_string(body, "captcha");  // type-checked; no captcha provider here
    const auto result = deps.auth.login_with_password(attempt);
    if (!result.user || result.user->totp_enabled) {
        // An account with two-factor cannot finish here until the checkpoint is served; letting
        // the password alone through would skip its second factor.
        deps.log.info("login.fail", {{"dialect", "calagopus"},
                                     {"reason", result.user ? "two_factor_checkpoint_unavailable"
                                                            : result.failure},
                                     {"ip", ctx.client_ip}});
        throw ApiError(ErrorCode::invalid_credentials);
    }
    const auto issued =
        deps.sessions.start(*result.user, "calagopus", ctx.client_ip,
                            std::string(ctx.request.header("user-agent")), mint_token);
    deps.log.info("login.success", {{"dialect", "calagopus"},
                                    {"user", std::to_string(result.user->id)},
                                    {"ip", ctx.client_ip}});
    auto response = server::HttpResponse::json(
        200, {{"type", "completed"}, {"user", full_user_json(*result.user, deps.config)}});
    response.set_cookie({deps.config.calagopus_cookie, issued.token,
                         deps.config.session_absolute_lifetime, true, deps.config.cookie_secure,
                         "Lax", "/"});
    return response;
}

}  // namespace

void register_auth_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({"POST", kLoginPath, server::AuthRequirement::none, false,
                [&deps](server::RequestContext& ctx) { return login(deps, ctx); }});
}

}  // namespace accountd::handlers::calagopus
