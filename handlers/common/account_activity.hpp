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
    const auto& caller = ctx.caller();
    std::optional<std::uint64_t> key_id;
    if (caller.api_key) key_id = caller.api_key->id;
    deps.activity.record({std::move(event), caller.user.id, caller.user.id, ctx.client_ip,
                          std::move(properties), key_id});
}

}  // namespace accountd::handlers
