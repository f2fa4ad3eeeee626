#include "handlers/eclipanel/user_target.hpp"

#include <algorithm>

#include "handlers/eclipanel/refusal.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::eclipanel {

services::User find_target(const HandlerDeps& deps, const server::RequestContext& ctx) {
    const auto it = ctx.params.find("id");
    const std::string id = it == ctx.params.end() ? std::string() : it->second;
    // Digits only, short enough for an id: "5abc", "-1" and "1e3" are unknown ids, not 500s.
    if (id.empty() || id.size() > 19 ||
        !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        refuse(404, "User not found");
    }
    const auto user_id = std::stoull(id);
    if (!ctx.may_act_for(user_id)) refuse(404, "User not found");
    if (user_id == ctx.caller().user.id) return ctx.caller().user;
    auto user = deps.users.find_by_id(user_id);
    if (!user) refuse(404, "User not found");
    return *user;
}

UserView view_of(const HandlerDeps& deps, const services::User& user) {
    return {user, deps.profiles.read(user.id)};
}

nlohmann::json read_unschematised_body(const server::RequestContext& ctx) {
    try {
        return server::parse_json_object(ctx);
    } catch (const server::ApiError& e) {
        if (e.code() != server::ErrorCode::malformed_json) throw;
    }
    refuse(400, "Invalid JSON body");
}

std::string policy_message(const services::FieldViolation& violation) {
    switch (violation.rule) {
        case services::Rule::min:
            return "Password must be at least " + violation.argument + " characters long.";
        case services::Rule::max:
            return "Password must be no more than " + violation.argument + " characters long.";
        default:
            break;
    }
    return "Password is too easy to guess (a common password, a word, a pattern or a name). "
           "Please choose another.";
}

void record_user_activity(const HandlerDeps& deps, const server::RequestContext& ctx,
                          std::uint64_t subject_id, std::string event, nlohmann::json properties) {
    const auto& caller = ctx.caller();
    std::optional<std::uint64_t> key_id;
    if (caller.api_key) key_id = caller.api_key->id;
    deps.activity.record({std::move(event), caller.user.id, subject_id, ctx.client_ip,
                          std::move(properties), key_id});
}

}  // namespace accountd::handlers::eclipanel
