#include "handlers/common/password_sign_in.hpp"

#include "server/api_error.hpp"

namespace accountd::handlers {

SignedIn sign_in_with_password(const HandlerDeps& deps, const server::RequestContext& ctx,
                               const services::PasswordLogin& attempt, std::string_view dialect,
                               const services::TokenMinter& mint) {
    auto result = deps.auth.login_with_password(attempt);
    if (!result.user || result.user->totp_enabled) {
        const std::string_view reason =
            result.user ? std::string_view("two_factor_checkpoint_unavailable") : result.failure;
        deps.log.info("login.fail",
                      {{"dialect", dialect}, {"reason", reason}, {"ip", ctx.client_ip}});
        throw server::ApiError(server::ErrorCode::invalid_credentials);
    }
    auto issued = deps.sessions.start(*result.user, std::string(dialect), ctx.client_ip,
                                      std::string(ctx.request.header("user-agent")), mint);
    deps.log.info(
        "login.success",
        {{"dialect", dialect}, {"user", std::to_string(result.user->id)}, {"ip", ctx.client_ip}});
    return SignedIn{std::move(*result.user), std::move(issued)};
}

}  // namespace accountd::handlers
