#pragma once
// E-mail and password changes of the signed-in caller, recorded in the activity log. Shared by
// every dialect; service errors pass through to the dispatcher.

#include <optional>
#include <string>

#include "handlers/common/handler_deps.hpp"
#include "server/request_context.hpp"

namespace accountd::handlers {

void change_own_email(const HandlerDeps& deps, const server::RequestContext& ctx,
                      const std::string& password, const std::string& email);

/// Keeps the caller's own session (if any) and ends every other one.
void change_own_password(const HandlerDeps& deps, const server::RequestContext& ctx,
                         const std::string& current, const std::optional<std::string>& fresh,
                         const std::optional<std::string>& confirmation,
                         const std::string& new_field);

}  // namespace accountd::handlers
