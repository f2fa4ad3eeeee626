#include "handlers/calagopus/api_keys_handler.hpp"

#include "handlers/calagopus/api_key_request.hpp"
#include "handlers/calagopus/pagination.hpp"
#include "handlers/calagopus/payload.hpp"
#include "handlers/calagopus/refusal.hpp"
#include "handlers/common/account_activity.hpp"
#include "handlers/common/time_format.hpp"
#include "server/json_body.hpp"
#include "services/api_key_scope.hpp"
#include "services/ip_range.hpp"
#include "services/permission_registry.hpp"

namespace accountd::handlers::calagopus {
namespace {

using Json = nlohmann::ordered_json;
using services::ApiKey;
using services::PermissionKind;

constexpr const char* kNotFound = "api key not found";
constexpr const char* kWider = "permissions: more permissions than self";

Json optional_time(const std::optional<services::Timestamp>& t) {
    return t ? Json(rfc3339_z(*t)) : Json();
}

// A list the key does not have (a Pterodactyl key) limits nothing: every permission.
Json permission_list(const std::optional<std::vector<std::string>>& list, PermissionKind kind) {
    return list ? Json(*list) : Json(services::all_permissions(kind));
}

// ipnetwork's form. Pterodactyl's other forms (ranges, wildcards, netmasks) become the CIDR
// blocks that cover them exactly: the frontend's schema takes only addresses and CIDR.
void add_network_text(Json& ips, const std::string& entry) {
    if (const auto network = ip_network(entry)) {
        ips.push_back(*network);
    } else if (const auto range = services::IpRange::parse(entry)) {
        for (auto& block : range->cidr_blocks())
            ips.push_back(std::move(block));
    }
}

Json api_key_json(const ApiKey& key) {
    Json ips = Json::array();
    for (const auto& entry : key.allowed_ips)
        add_network_text(ips, entry);
    return {{"uuid", key.uuid.value_or("")},
            {"name", key.description.value_or("")},
            {"key_start", key.identifier},
            {"allowed_ips", ips},
            {"user_permissions", permission_list(key.permissions, PermissionKind::user)},
            {"admin_permissions", permission_list(key.admin_permissions, PermissionKind::admin)},
            {"server_permissions", permission_list(key.server_permissions, PermissionKind::server)},
            {"last_used", optional_time(key.last_used_at)},
            {"expires", optional_time(key.expires_at)},
            {"created", rfc3339_z(key.created_at)}};
}

const ApiKey* caller_key(const server::RequestContext& ctx) {
    const auto& caller = ctx.caller();
    return caller.api_key ? &*caller.api_key : nullptr;
}

// A uuid path segment that is no UUID is axum's Path rejection (400), before any lookup.
const std::string& uuid_param(const server::RequestContext& ctx) {
    const auto& value = ctx.params.at("uuid");
    static const std::string kHex = "0123456789abcdefABCDEF";
    bool ok = value.size() == 36;
    for (std::size_t i = 0; ok && i < value.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        ok = dash ? value[i] == '-' : kHex.find(value[i]) != std::string::npos;
    }
    if (!ok) refuse(400, "Invalid URL: UUID parsing failed: invalid api key uuid");
    return value;
}

std::string lower(std::string text) {
    for (auto& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

ApiKey live_key(const HandlerDeps& deps, const server::RequestContext& ctx) {
    auto key = deps.api_keys.find_live(ctx.caller().user.id, lower(uuid_param(ctx)));
    if (!key) refuse(404, kNotFound);
    return std::move(*key);
}

server::HttpResponse violations_response(const std::vector<std::string>& messages) {
    return server::HttpResponse::json(400, {{"errors", messages}});
}

// Activity data as Calagopus records it (§6).
nlohmann::json key_data(const ApiKey& key) {
    return {{"uuid", key.uuid.value_or("")},
            {"identifier", key.identifier},
            {"name", key.description.value_or("")},
            {"allowed_ips", key.allowed_ips},
            {"user_permissions",
             key.permissions ? nlohmann::json(*key.permissions) : nlohmann::json(nullptr)},
            {"admin_permissions", key.admin_permissions ? nlohmann::json(*key.admin_permissions)
                                                        : nlohmann::json(nullptr)},
            {"server_permissions", key.server_permissions ? nlohmann::json(*key.server_permissions)
                                                          : nlohmann::json(nullptr)},
            {"expires", key.expires_at ? nlohmann::json(rfc3339_z(*key.expires_at))
                                       : nlohmann::json(nullptr)}};
}

server::HttpResponse list_keys(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto request = read_page_request(ctx.request);
    const auto page =
        deps.api_keys.page(ctx.caller().user.id, request.search, request.offset(), request.limit());
    Json data = Json::array();
    for (const auto& key : page.keys)
        data.push_back(api_key_json(key));
    return server::HttpResponse::json(200, {{"api_keys", page_json(page.total, request, data)}});
}

server::HttpResponse create_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    const auto request = read_api_key_request(body, true);
    const auto& user = ctx.caller().user;
    ApiKey draft;
    draft.user_id = user.id;
    draft.description = request.name;
    draft.allowed_ips = *request.allowed_ips;
    draft.permissions = request.user_permissions;
    draft.admin_permissions = request.admin_permissions;
    draft.server_permissions = request.server_permissions;
    draft.expires_at = request.expires;
    // A key never makes a key that reaches further than itself (permissions, addresses, expiry).
    if (const auto* self = caller_key(ctx); self && !services::is_within(draft, *self)) {
        refuse(400, kWider);
    }
    const auto& format = services::calagopus_key_format();
    const auto cap = static_cast<std::uint64_t>(deps.config.calagopus_max_api_keys);
    if (deps.api_keys.count(format, user.id) >= cap) throw services::ServiceError::limit_reached();
    if (const auto problems = api_key_violations(request, deps.clock.now()); !problems.empty()) {
        return violations_response(problems);
    }
    if (deps.api_keys.name_taken(user.id, *request.name)) {
        refuse(409, "api key with name already exists");
    }
    const auto issued = deps.api_keys.issue(format, std::move(draft), cap);
    record_own_activity(deps, ctx, "user:api-key.create", key_data(issued.key));
    return server::HttpResponse::json(
        200, {{"api_key", api_key_json(issued.key)}, {"key", issued.token()}});
}

server::HttpResponse update_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    const auto request = read_api_key_request(body, false);
    const auto* self = caller_key(ctx);
    // The lists sent must be within the caller's own (Calagopus' order: before the lookup).
    if (self) {
        ApiKey asked;
        asked.permissions = request.user_permissions.value_or(std::vector<std::string>{});
        asked.admin_permissions = request.admin_permissions.value_or(std::vector<std::string>{});
        asked.server_permissions = request.server_permissions.value_or(std::vector<std::string>{});
        if (!services::permissions_within(asked, *self)) refuse(400, kWider);
    }
    auto key = live_key(deps, ctx);
    if (const auto problems = api_key_violations(request, deps.clock.now()); !problems.empty()) {
        return violations_response(problems);
    }
    if (request.name && deps.api_keys.name_taken(key.user_id, *request.name, key.id)) {
        refuse(409, "api key with name already exists");
    }
    if (request.name) key.description = request.name;
    if (request.allowed_ips) key.allowed_ips = *request.allowed_ips;
    if (request.user_permissions) key.permissions = request.user_permissions;
    if (request.admin_permissions) key.admin_permissions = request.admin_permissions;
    if (request.server_permissions) key.server_permissions = request.server_permissions;
    if (request.expires_sent) key.expires_at = request.expires;
    // Nor does it leave any key (itself included) reaching further than itself.
    if (self && !services::is_within(key, *self)) refuse(400, kWider);
    deps.api_keys.update(key);
    record_own_activity(deps, ctx, "user:api-key.update", key_data(key));
    return server::HttpResponse::json(200, Json::object());
}

server::HttpResponse delete_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto key = live_key(deps, ctx);
    // SECURITY.md: a restricted key deletes only keys within its own restrictions.
    if (const auto* self = caller_key(ctx);
        self && services::is_restricted(*self) && !services::is_within(key, *self)) {
        refuse(400, "unable to delete api key with more permissions than self");
    }
    if (!deps.api_keys.remove_key(key)) refuse(404, kNotFound);
    record_own_activity(deps, ctx, "user:api-key.delete",
                        {{"uuid", key.uuid.value_or("")},
                         {"identifier", key.identifier},
                         {"name", key.description.value_or("")}});
    return server::HttpResponse::json(200, Json::object());
}

server::HttpResponse recreate_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    auto key = live_key(deps, ctx);
    if (const auto* self = caller_key(ctx); self && !services::is_within(key, *self)) {
        refuse(400, "unable to recreate api key with more permissions than self");
    }
    const std::string old_identifier = key.identifier;
    const auto issued = deps.api_keys.recreate(std::move(key));
    record_own_activity(deps, ctx, "user:api-key.recreate",
                        {{"uuid", issued.key.uuid.value_or("")},
                         {"identifier", issued.key.identifier},
                         {"old_identifier", old_identifier},
                         {"name", issued.key.description.value_or("")}});
    return server::HttpResponse::json(200, {{"key", issued.token()}});
}

server::HttpResponse find_by_identifier(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& identifier = ctx.params.at("identifier");
    std::optional<ApiKey> key;
    if (identifier.size() == services::calagopus_key_format().identifier_length) {
        key = deps.api_keys.find_live_by_identifier(ctx.caller().user.id, identifier);
    }
    if (!key) refuse(404, kNotFound);
    return server::HttpResponse::json(200, {{"api_key", api_key_json(*key)}});
}

}  // namespace

void register_api_key_routes(server::Router& router, const HandlerDeps& deps) {
    const auto auth = server::AuthRequirement::session_or_key;
    const auto add =
        [&](const char* method, const char* pattern, const char* permission,
            server::HttpResponse (*handler)(const HandlerDeps&, server::RequestContext&)) {
            router.add({.method = method,
                        .pattern = pattern,
                        .auth = auth,
                        .gates = server::Gates::all,
                        .handler = [&deps, handler](
                                       server::RequestContext& ctx) { return handler(deps, ctx); },
                        .key_permission = permission});
        };
    add("GET", kApiKeysPath, "api-keys.read", list_keys);
    add("POST", kApiKeysPath, "api-keys.create", create_key);
    add("GET", kApiKeyIdentifierPath, "api-keys.read", find_by_identifier);
    add("PATCH", kApiKeyPath, "api-keys.update", update_key);
    add("DELETE", kApiKeyPath, "api-keys.delete", delete_key);
    add("POST", kApiKeyRecreatePath, "api-keys.recreate", recreate_key);
}

}  // namespace accountd::handlers::calagopus
