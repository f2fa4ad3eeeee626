#include "handlers/common/account_changes.hpp"

#include "handlers/common/account_activity.hpp"

namespace accountd::handlers {

void change_own_email(const HandlerDeps& deps, const server::RequestContext& ctx,
                      const std::string& password, const std::string& email) {
    const auto old_email = deps.accounts.change_email(ctx.caller().user, password, email);
    if (old_email != email) {
        record_own_activity(deps, ctx, "user:account.email-changed",
                            {{"old", old_email}, {"new", email}});
    }
}

void change_own_password(const HandlerDeps& deps, const server::RequestContext& ctx,
                         const std::string& current, const std::optional<std::string>& fresh,
                         const std::optional<std::string>& confirmation,
                         const std::string& new_field) {
    const auto& caller = ctx.caller();
    std::optional<std::uint64_t> keep;
    if (caller.session) keep = caller.session->id;
    deps.accounts.change_password(caller.user, current, fresh, confirmation, new_field, keep);
    record_own_activity(deps, ctx, "user:account.password-changed");
}

}  // namespace accountd::handlers
