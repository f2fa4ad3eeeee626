#include "handlers/common/password_confirmation.hpp"

#include "server/api_error.hpp"

namespace accountd::handlers {

void confirming_password(const HandlerDeps& deps, const server::RequestContext& ctx,
                         const std::function<void()>& change) {
    const std::string user = std::to_string(ctx.caller().user.id);
    // Its own names, so confirmations and sign-ins of one account do not use up each other's
    // per-account count; the per-IP count is shared.
    const auto names = services::LoginThrottle::for_account(std::string("confirm|") + user);
    if (const auto wait = deps.login_throttle.claim(ctx.client_ip, names)) {
        deps.log.info("password_confirmation.throttled", {{"user", user}, {"ip", ctx.client_ip}});
        throw services::ServiceError::throttled(*wait);
    }
    const auto wrong = [&] {
        deps.log.info("password_confirmation.fail", {{"user", user}, {"ip", ctx.client_ip}});
    };
    try {
        change();
    } catch (const services::ServiceError& e) {
        if (e.kind() == services::ServiceError::Kind::wrong_password) {
            wrong();
        } else {
            deps.login_throttle.succeeded(ctx.client_ip, names);
        }
        throw;
    } catch (...) {
        deps.login_throttle.succeeded(ctx.client_ip, names);
        throw;
    }
    // The change is stored by now; a failure to give the claim back must not turn it into an
    // error (enabling two-factor would then never show its recovery codes).
    try {
        deps.login_throttle.succeeded(ctx.client_ip, names);
    } catch (const std::exception&) {
        deps.log.warn("password_confirmation.settle_failed", {{"user", user}});
    }
}

}  // namespace accountd::handlers
