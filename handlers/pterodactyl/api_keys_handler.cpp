#include "handlers/pterodactyl/api_keys_handler.hpp"

#include "handlers/common/account_activity.hpp"
#include "handlers/common/time_format.hpp"
#include "handlers/pterodactyl/request_body.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

using server::ApiError;
using server::ErrorCode;

nlohmann::ordered_json api_key_item(const services::ApiKey& key) {
    return {
        {"object", "api_key"},
        {"attributes",
         {{"identifier", key.identifier},
          {"description",
           key.description ? nlohmann::ordered_json(*key.description) : nlohmann::ordered_json()},
          {"allowed_ips", key.allowed_ips},
          {"last_used_at", key.last_used_at ? nlohmann::ordered_json(atom_string(*key.last_used_at))
                                            : nlohmann::ordered_json()},
          {"created_at", atom_string(key.created_at)}}}};
}

server::HttpResponse list_keys(const HandlerDeps& deps, server::RequestContext& ctx) {
    nlohmann::ordered_json data = nlohmann::ordered_json::array();
    for (const auto& key :
         deps.api_keys.list_account(services::pterodactyl_key_format(), ctx.caller().user.id))
        data.push_back(api_key_item(key));
    return server::HttpResponse::json(200, {{"object", "list"}, {"data", data}});
}

server::HttpResponse create_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_body(ctx);
    services::NewApiKey request;
    request.description = server::optional_string(body, "description");
    if (const auto it = body.find("allowed_ips"); it != body.end() && !it->is_null()) {
        if (!it->is_array()) {
            throw services::ServiceError::invalid("allowed_ips", services::Rule::array);
        }
        for (const auto& entry : *it) {
            request.allowed_ips.push_back(
                entry.is_string() ? std::optional(entry.get<std::string>()) : std::nullopt);
        }
    }
    const auto& caller = ctx.caller();
    const auto issued = deps.api_keys.create(services::pterodactyl_key_format(), caller.user.id,
                                             request, caller.api_key ? &*caller.api_key : nullptr);
    record_own_activity(deps, ctx, "user:api-key.create", {{"identifier", issued.key.identifier}});
    auto item = api_key_item(issued.key);
    item["meta"] = {{"secret_token", issued.secret}};
    return server::HttpResponse::json(200, item);
}

// Someone else's key, an application key and an unknown identifier all answer 404.
server::HttpResponse delete_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& identifier = ctx.params.at("identifier");
    const auto& caller = ctx.caller();
    if (!deps.api_keys.remove(services::pterodactyl_key_format(), caller.user.id, identifier,
                              caller.api_key ? &*caller.api_key : nullptr)) {
        throw ApiError(ErrorCode::not_found, "no such key of the caller");
    }
    record_own_activity(deps, ctx, "user:api-key.delete", {{"identifier", identifier}});
    return server::HttpResponse::no_content();
}

}  // namespace

void register_api_key_routes(server::Router& router, const HandlerDeps& deps) {
    const auto auth = server::AuthRequirement::session_or_key;
    router.add({.method = "GET",
                .pattern = kApiKeysPath,
                .auth = auth,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return list_keys(deps, ctx); },
                .key_permission = "api-keys.read"});
    router.add({.method = "POST",
                .pattern = kApiKeysPath,
                .auth = auth,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return create_key(deps, ctx); },
                .key_permission = "api-keys.create"});
    router.add({.method = "DELETE",
                .pattern = kApiKeyPath,
                .auth = auth,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return delete_key(deps, ctx); },
                .key_permission = "api-keys.delete"});
}

}  // namespace accountd::handlers::pterodactyl
