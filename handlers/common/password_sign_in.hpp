#pragma once
// The part of every dialect's password sign-in that is the same: verify, refuse uniformly, start
// a session in the dialect's token format, and log the outcome with its reason.

#include <string_view>

#include "handlers/common/handler_deps.hpp"
#include "server/request_context.hpp"

namespace accountd::handlers {

struct SignedIn {
    services::User user;
    services::IssuedSession session;  ///< empty when a second factor is still needed
    /// Set instead of a session when the account has two-factor and the dialect offered the
    /// checkpoint: the client completes the sign-in with this token and a code.
    std::optional<std::string> confirmation_token;
};

/// Throws ApiError invalid_credentials for an unknown user, a wrong password or a suspended
/// account (one answer for all). An account with two-factor gets a confirmation token for the
/// checkpoint when `offer_checkpoint`, and is refused like a wrong password otherwise: the
/// password alone never skips a second factor.
SignedIn sign_in_with_password(const HandlerDeps& deps, const server::RequestContext& ctx,
                               const services::PasswordLogin& attempt, std::string_view dialect,
                               const services::TokenMinter& mint, bool offer_checkpoint = false);

}  // namespace accountd::handlers
