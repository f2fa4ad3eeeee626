#pragma once
// The part of every dialect's password sign-in that is the same: verify, refuse uniformly, start
// a session in the dialect's token format, and log the outcome with its reason.

#include <string_view>

#include "handlers/common/handler_deps.hpp"
#include "server/request_context.hpp"

namespace accountd::handlers {

struct SignedIn {
    services::User user;
    services::IssuedSession session;
};

/// Throws ApiError invalid_credentials for an unknown user, a wrong password or a suspended
/// account (one answer for all). An account with two-factor enabled is refused the same way
/// until the two-factor checkpoint is served: the password alone must not skip its second factor.
SignedIn sign_in_with_password(const HandlerDeps& deps, const server::RequestContext& ctx,
                               const services::PasswordLogin& attempt, std::string_view dialect,
                               const services::TokenMinter& mint);

}  // namespace accountd::handlers
