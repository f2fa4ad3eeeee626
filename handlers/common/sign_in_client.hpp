#pragma once
// The client of a sign-in as the request shows it, for services::SignInService.

#include <string>

#include "server/request_context.hpp"
#include "services/sign_in_service.hpp"

namespace accountd::handlers {

inline services::SignInClient sign_in_client(const server::RequestContext& ctx,
                                             std::string dialect) {
    return {ctx.client_ip, ctx.request.header("user-agent"), std::move(dialect)};
}

}  // namespace accountd::handlers
