#include "handlers/calagopus/permissions_handler.hpp"

#include <nlohmann/json.hpp>

#include "services/permission_registry.hpp"

namespace accountd::handlers::calagopus {
namespace {

using Json = nlohmann::ordered_json;

Json registry_json(services::PermissionKind kind) {
    Json out = Json::object();
    for (const auto& group : services::permission_groups(kind)) {
        Json permissions = Json::object();
        for (const auto& [name, description] : group.permissions)
            permissions[name] = description;
        out[group.name] = {{"description", group.description}, {"permissions", permissions}};
    }
    return out;
}

// The registry never changes while the process runs: built once.
const Json& permissions_body() {
    static const Json body = {
        {"user_permissions", registry_json(services::PermissionKind::user)},
        {"admin_permissions", registry_json(services::PermissionKind::admin)},
        {"server_permissions", registry_json(services::PermissionKind::server)}};
    return body;
}

}  // namespace

void register_permissions_routes(server::Router& router) {
    // Any authenticated caller, through both gates, with no permission of its own (§3.2).
    router.add({.method = "GET",
                .pattern = kPermissionsPath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::all,
                .handler = [](server::RequestContext&) {
                    return server::HttpResponse::json(200, permissions_body());
                }});
}

}  // namespace accountd::handlers::calagopus
