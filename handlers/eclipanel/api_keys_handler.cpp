#include "handlers/eclipanel/api_keys_handler.hpp"

#include <algorithm>
#include <charconv>

#include "handlers/common/account_activity.hpp"
#include "handlers/common/time_format.hpp"
#include "handlers/eclipanel/rate_limit.hpp"
#include "handlers/eclipanel/refusal.hpp"
#include "server/json_body.hpp"
#include "services/api_key_scope.hpp"
#include "services/key_permissions.hpp"
#include "services/text.hpp"

namespace accountd::handlers::eclipanel {
namespace {

using Json = nlohmann::ordered_json;
using services::ApiKey;
using services::PermissionVocabulary;

constexpr std::size_t kMaxName = 255;  // EcliPanel's varchar(255)

const services::ApiKeyFormat& format() {
    return services::eclipanel_key_format();
}

// JavaScript's Date#toJSON: milliseconds and Z.
std::string js_date(services::Timestamp t) {
    std::string out = rfc3339_z(t);
    out.insert(out.size() - 1, ".000");
    return out;
}

Json optional_date(const std::optional<services::Timestamp>& t) {
    return t ? Json(js_date(*t)) : Json();
}

// A key as EcliPanel lists it, for keys of every dialect: an admin key shows no list; a key of
// another dialect is a client key, its list respelled in EcliPanel's names, and one without a
// list shows every account permission (it reaches the owner's whole account, no further).
Json key_json(const ApiKey& key) {
    const bool admin = services::is_admin_key(key);
    auto permissions = Json::array();
    if (!admin) {
        if (!key.permissions) {
            for (const auto& name : services::eclipanel_account_permissions())
                permissions.push_back(name);
        } else if (services::vocabulary_of(key) == PermissionVocabulary::eclipanel) {
            for (const auto& name : *key.permissions)
                permissions.push_back(name);
        } else {
            for (const auto& name : *key.permissions)
                permissions.push_back(services::eclipanel_name_of(name));
        }
    }
    return {{"id", key.id},
            {"name", key.description.value_or("")},
            {"type", admin ? "admin" : "client"},
            {"permissions", std::move(permissions)},
            {"createdAt", js_date(key.created_at)},
            {"expiresAt", optional_date(key.expires_at)},
            {"lastUsedAt", optional_date(key.last_used_at)}};
}

std::optional<std::uint64_t> id_param(const server::RequestContext& ctx) {
    const auto& text = ctx.params.at("id");
    std::uint64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id == 0) return std::nullopt;
    return id;
}

// The caller's key (any dialect's) with this id; nullopt for an unknown id or someone else's.
std::optional<ApiKey> own_key(const HandlerDeps& deps, const server::RequestContext& ctx) {
    const auto id = id_param(ctx);
    if (!id) return std::nullopt;
    for (auto& key : deps.api_keys.list_account(format(), ctx.caller().user.id)) {
        if (key.id == *id) return std::move(key);
    }
    return std::nullopt;
}

server::HttpResponse list_mine(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& caller = ctx.caller();
    auto out = Json::array();
    // A key caller sees itself only (§6).
    if (caller.api_key) {
        out.push_back(key_json(*caller.api_key));
    } else {
        for (const auto& key : deps.api_keys.list_account(format(), caller.user.id))
            out.push_back(key_json(key));
    }
    return server::HttpResponse::json(200, out);
}

server::HttpResponse show_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto key = own_key(deps, ctx);
    if (!key) refuse(404, "not found");
    // A key reads itself, or its owner's other keys when it may read keys (§6).
    const auto& made_with = ctx.caller().api_key;
    if (made_with && made_with->id != key->id &&
        !services::key_grants(*made_with, PermissionVocabulary::eclipanel, "apikeys:read")) {
        refuse(403, "Forbidden");
    }
    return server::HttpResponse::json(200, key_json(*key));
}

// An expiry as JavaScript's Date would read it from JSON: an ISO date-time string or
// milliseconds since the epoch.
std::optional<services::Timestamp> read_expiry(const nlohmann::json& value) {
    if (value.is_string()) {
        const auto text = value.get<std::string>();
        if (auto t = parse_rfc3339(text)) return t;
        if (auto t = parse_rfc3339(text + "T00:00:00Z")) return t;  // a bare date
        return std::nullopt;
    }
    if (value.is_number_integer() || value.is_number_unsigned()) {
        const auto ms = value.get<long long>();
        // 1970..9999, as parse_rfc3339 bounds dates.
        if (ms < 0 || ms > 253402300799000LL) return std::nullopt;
        return services::Timestamp(std::chrono::seconds(ms / 1000));
    }
    return std::nullopt;
}

// The body's permission names that the new key may carry: strings (others are dropped, as
// EcliPanel drops them) that the caller holds, that the key's owner holds (a key never reaches
// further than its owner), and that a creating key grants itself (a key never widens itself).
std::vector<std::string> kept_permissions(const nlohmann::json& requested,
                                          const server::Principal& caller,
                                          const services::User& owner) {
    std::vector<std::string> out;
    if (!requested.is_array()) return out;
    for (const auto& item : requested) {
        if (!item.is_string()) continue;
        const auto name = item.get<std::string>();
        if (name.empty() || name.size() > 191) continue;
        if (!services::user_holds(caller.user, name) || !services::user_holds(owner, name)) {
            continue;
        }
        // A key without a list of another dialect grants the owner's own account only: a name
        // beyond it (users:write, "*") needs a key that acts for others, or the new key would
        // reach further than the key that made it.
        if (caller.api_key) {
            const bool own_account = services::calagopus_name_of(name).has_value();
            const bool granted =
                own_account
                    ? services::key_grants(*caller.api_key, PermissionVocabulary::eclipanel, name)
                    : services::key_acts_for_others(*caller.api_key,
                                                    PermissionVocabulary::eclipanel, name);
            if (!granted) continue;
        }
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
}

server::HttpResponse create_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& caller = ctx.caller();
    // 1. EcliPanel's limits; role `*` is not counted.
    if (caller.user.role.value_or("") != "*") {
        spend_limit(deps, "apikey-create:ip:" + ctx.client_ip,
                    deps.config.eclipanel_apikey_create_ip_limit);
        spend_limit(deps, "apikey-create:user:" + std::to_string(caller.user.id),
                    deps.config.eclipanel_apikey_create_user_limit);
    }
    const auto body = server::parse_json_object(ctx);
    // 2. name and type
    const auto name_it = body.find("name");
    const auto type_it = body.find("type");
    const bool name_ok = name_it != body.end() && name_it->is_string() &&
                         !services::trim(name_it->get<std::string>()).empty();
    const bool type_ok = type_it != body.end() && type_it->is_string() &&
                         (*type_it == "client" || *type_it == "admin");
    if (!name_ok || !type_ok) refuse(400, "name and valid type required");
    const std::string name = services::trim(name_it->get<std::string>());
    if (services::utf8_length(name) > kMaxName) refuse(400, "name must be at most 255 characters");
    const bool admin = *type_it == "admin";
    // 3. the owner: the caller, or another user for a caller holding users:write
    std::uint64_t owner_id = caller.user.id;
    if (const auto it = body.find("userId"); it != body.end() && !it->is_null()) {
        if (!it->is_number_integer() && !it->is_number_unsigned()) {
            refuse(400, "userId must be a number");
        }
        const auto wanted = it->get<long long>();
        if (wanted <= 0 || !ctx.may_act_for(static_cast<std::uint64_t>(wanted))) {
            refuse(403, "Not allowed to create keys for other users");
        }
        owner_id = static_cast<std::uint64_t>(wanted);
    }
    std::optional<services::User> other;
    if (owner_id != caller.user.id) {
        other = deps.users.find_by_id(owner_id);
        if (!other) refuse(404, "User not found");
    }
    const services::User& owner = other ? *other : caller.user;
    // 4. admin keys: root admins only, for root admins, and through a key only an admin one
    if (admin && (!caller.user.root_admin || !owner.root_admin ||
                  (caller.api_key && !services::key_acts_for_others(
                                         *caller.api_key, PermissionVocabulary::eclipanel, "*")))) {
        refuse(403, "Only system administrators with * permission can create admin API keys");
    }
    // 5. expiry
    std::optional<services::Timestamp> expires_at;
    if (const auto it = body.find("expiresAt"); it != body.end() && !it->is_null()) {
        expires_at = read_expiry(*it);
        if (!expires_at) refuse(400, "expiresAt must be a date");
    }
    if (const auto it = body.find("permissions");
        it != body.end() && !it->is_null() && !it->is_array()) {
        refuse(400, "permissions must be an array of strings");
    }
    ApiKey draft;
    draft.user_id = owner_id;
    draft.description = name;
    if (!admin) {
        const auto it = body.find("permissions");
        draft.permissions =
            kept_permissions(it == body.end() ? nlohmann::json() : *it, caller, owner);
    }
    draft.expires_at = expires_at;
    // A key made by a key keeps its maker's address list, expiry and Calagopus lists.
    if (const auto& maker = caller.api_key) {
        draft.allowed_ips = maker->allowed_ips;
        if (maker->expires_at && (!draft.expires_at || *maker->expires_at < *draft.expires_at)) {
            draft.expires_at = maker->expires_at;
        }
        draft.admin_permissions = maker->admin_permissions;
        draft.server_permissions = maker->server_permissions;
    }
    const auto issued = deps.api_keys.issue(
        format(), std::move(draft), static_cast<std::uint64_t>(deps.config.eclipanel_max_api_keys));
    std::optional<std::uint64_t> key_id;
    if (caller.api_key) key_id = caller.api_key->id;
    deps.activity.record({"user:api-key.create",
                          caller.user.id,
                          owner_id,
                          ctx.client_ip,
                          {{"identifier", issued.key.identifier}},
                          key_id});
    return server::HttpResponse::json(200, {{"success", true},
                                            {"apiKey", issued.token()},
                                            {"id", issued.key.id},
                                            {"entry", key_json(issued.key)}});
}

server::HttpResponse delete_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto key = own_key(deps, ctx);
    if (!key) refuse(404, "not found");
    const auto& caller = ctx.caller();
    // A restricted key deletes only keys within its own restrictions (itself included).
    if (caller.api_key && services::is_restricted(*caller.api_key) &&
        !services::is_within(*key, *caller.api_key)) {
        refuse(403, "Forbidden");
    }
    if (!deps.api_keys.remove_key(*key)) refuse(404, "not found");
    record_own_activity(deps, ctx, "user:api-key.delete", {{"identifier", key->identifier}});
    return server::HttpResponse::json(200, {{"success", true}});
}

}  // namespace

void register_api_key_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "GET",
                .pattern = kMyApiKeysPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return list_mine(deps, ctx); }});
    router.add({.method = "POST",
                .pattern = kApiKeysPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return create_key(deps, ctx); },
                .key_permission = "apikeys:create",
                .others_permission = "users:write"});
    router.add({.method = "GET",
                .pattern = kApiKeyPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return show_key(deps, ctx); }});
    router.add({.method = "DELETE",
                .pattern = kApiKeyPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return delete_key(deps, ctx); },
                .key_permission = "apikeys:delete"});
}

}  // namespace accountd::handlers::eclipanel
