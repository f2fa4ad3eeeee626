#include "handlers/common/password_sign_in.hpp"

#include "server/api_error.hpp"

namespace accountd::handlers {

SignedIn sign_in_with_password(const HandlerDeps& deps, const server::RequestContext& ctx,
                               const services::PasswordLogin& attempt, std::string_view dialect,
                               const services::TokenMinter& mint, bool offer_checkpoint) {
    // Claimed before the password is checked: a locked-out client learns nothing, even from a
    // right guess.
    auto account = deps.auth.find_account(attempt);
    const auto throttle_key = services::LoginThrottle::for_sign_in(
        account ? std::optional(account->id) : std::nullopt, attempt.identifier);
    if (const auto wait = deps.login_throttle.claim(ctx.client_ip, throttle_key)) {
        // The account id (never the typed name, which may be a mistyped password) lets an
        // operator see which account is under attack.
        const std::string user = account ? std::to_string(account->id) : std::string("-");
        deps.log.info("login.throttled",
                      {{"dialect", dialect}, {"user", user}, {"ip", ctx.client_ip}});
        server::ApiError error(server::ErrorCode::too_many_attempts, "sign-in throttle");
        error.retry_after = *wait;
        throw error;
    }
    auto result = deps.auth.verify(attempt, std::move(account));
    const std::string user_agent(ctx.request.header("user-agent").substr(0, 255));
    if (result.user && result.user->totp_enabled && offer_checkpoint) {
        // Known to the account only once the second factor is through (at the checkpoint).
        deps.login_throttle.succeeded(ctx.client_ip, throttle_key, false);
        deps.activity.record({"auth:checkpoint",
                              std::nullopt,
                              result.user->id,
                              ctx.client_ip,
                              {{"ip", ctx.client_ip}, {"useragent", user_agent}},
                              std::nullopt});
        SignedIn pending{*result.user, {}, std::nullopt};
        pending.confirmation_token =
            deps.two_factor.start_pending(*result.user, std::string(dialect));
        return pending;
    }
    if (!result.user || result.user->totp_enabled) {
        // Recorded for unknown identifiers too, so both cases cost the same write; the typed
        // identifier is kept only when it named an account (it may be a mistyped password).
        services::ActivityEvent event{"auth:fail",
                                      std::nullopt,
                                      result.account_id,
                                      ctx.client_ip,
                                      {{"ip", ctx.client_ip}, {"useragent", user_agent}},
                                      std::nullopt};
        if (result.account_id) {
            const bool by_email = attempt.kind == services::LoginIdentifier::email_only ||
                                  attempt.identifier.find('@') != std::string::npos;
            event.properties[by_email ? "email" : "username"] = attempt.identifier;
        }
        deps.activity.record(event);
        const std::string_view reason =
            result.user ? std::string_view("two_factor_checkpoint_unavailable") : result.failure;
        const std::string user =
            result.account_id ? std::to_string(*result.account_id) : std::string("-");
        deps.log.info(
            "login.fail",
            {{"dialect", dialect}, {"reason", reason}, {"user", user}, {"ip", ctx.client_ip}});
        throw server::ApiError(server::ErrorCode::invalid_credentials);
    }
    deps.login_throttle.succeeded(ctx.client_ip, throttle_key);
    auto issued =
        deps.sessions.start(*result.user, std::string(dialect), ctx.client_ip, user_agent, mint);
    deps.activity.record({"auth:success",
                          result.user->id,
                          result.user->id,
                          ctx.client_ip,
                          {{"ip", ctx.client_ip}, {"useragent", user_agent}},
                          std::nullopt});
    deps.log.info(
        "login.success",
        {{"dialect", dialect}, {"user", std::to_string(result.user->id)}, {"ip", ctx.client_ip}});
    return SignedIn{std::move(*result.user), std::move(issued), std::nullopt};
}

}  // namespace accountd::handlers
