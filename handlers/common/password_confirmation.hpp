#pragma once
// A request that carries the caller's current password (changing the e-mail address or the
// password, enabling or disabling two-factor) is a guess at that password. Without a limit, a
// stolen session or API key could guess far faster than the sign-in form allows, so these go
// through the sign-in throttle too: per client IP and account, per account, per client IP.

#include <functional>

#include "handlers/common/handler_deps.hpp"
#include "server/request_context.hpp"

namespace accountd::handlers {

/// Claims one attempt for the caller's account, then runs `change` (a service call that checks
/// the password before anything else). Over a limit, throws ApiError too_many_attempts (with
/// retry_after) without running it. WrongPassword, or TwoFactorError wrong_password, leaves
/// the attempt counted and is logged; any other outcome, success or not, gives it back. Every
/// exception is rethrown for the dialect to map.
void confirming_password(const HandlerDeps& deps, const server::RequestContext& ctx,
                         const std::function<void()>& change);

}  // namespace accountd::handlers
