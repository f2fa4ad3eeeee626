#pragma once
// Records an event a signed-in caller caused on their own account.

#include <nlohmann/json.hpp>
#include <string>

#include "handlers/common/handler_deps.hpp"
#include "server/request_context.hpp"

namespace accountd::handlers {

inline void record_own_activity(const HandlerDeps& deps, const server::RequestContext& ctx,
                                std::string event,
                                nlohmann::json properties = nlohmann::json::object()) {
    const auto id = ctx.caller().user.id;
    deps.activity.record(
        {std::move(event), id, id, ctx.client_ip, std::move(properties), std::nullopt});
}

}  // namespace accountd::handlers
