#pragma once
// What the EcliPanel /api/users/:id routes share: finding the user the path names (someone the
// caller may not act for answers exactly like an unknown id, fixing reference §15.11), loading
// their profile, reading a body that has no schema, and recording what changed.

#include <nlohmann/json.hpp>
#include <string>

#include "handlers/common/handler_deps.hpp"
#include "handlers/eclipanel/user_json.hpp"
#include "server/request_context.hpp"

namespace accountd::handlers::eclipanel {

/// The user `:id` names, if the caller may act for them; else refuses 404 "User not found".
services::User find_target(const HandlerDeps& deps, const server::RequestContext& ctx);

/// `user` with their profile fields opened.
UserView view_of(const HandlerDeps& deps, const services::User& user);

/// The body of a route without a schema: a JSON object, else 400 {"error":"Invalid JSON body"}
/// (never a 500, reference §15.9).
nlohmann::json read_unschematised_body(const server::RequestContext& ctx);

/// accountd's password policy refusal in EcliPanel's words.
std::string policy_message(const services::FieldViolation& violation);

/// Records `event` about `subject_id`, caused by the caller.
void record_user_activity(const HandlerDeps& deps, const server::RequestContext& ctx,
                          std::uint64_t subject_id, std::string event,
                          nlohmann::json properties = nlohmann::json::object());

}  // namespace accountd::handlers::eclipanel
