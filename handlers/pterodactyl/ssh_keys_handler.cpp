#include "handlers/pterodactyl/ssh_keys_handler.hpp"

#include "handlers/common/account_activity.hpp"
#include "handlers/common/time_format.hpp"
#include "handlers/pterodactyl/request_body.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

nlohmann::ordered_json ssh_key_item(const services::SshKey& key) {
    return {{"object", "ssh_key"},
            {"attributes",
             {{"name", key.name},
              {"fingerprint", key.fingerprint},
              {"public_key", key.public_key},
              {"created_at", atom_string(key.created_at)}}}};
}

std::string required_text(const nlohmann::json& body, const char* field) {
    auto value = server::optional_string(body, field);
    if (!value || value->empty()) {
        throw services::ServiceError::invalid(field, services::Rule::required);
    }
    return *value;
}

server::HttpResponse list_keys(const HandlerDeps& deps, server::RequestContext& ctx) {
    nlohmann::ordered_json data = nlohmann::ordered_json::array();
    for (const auto& key : deps.ssh_keys.list(ctx.caller().user.id))
        data.push_back(ssh_key_item(key));
    return server::HttpResponse::json(200, {{"object", "list"}, {"data", data}});
}

server::HttpResponse add_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_body(ctx);
    const auto name = server::optional_string(body, "name").value_or("");
    const auto public_key = server::optional_string(body, "public_key").value_or("");
    const auto& caller = ctx.caller();
    const auto key = deps.ssh_keys.add(caller.user.id, name, public_key,
                                       caller.api_key ? &*caller.api_key : nullptr);
    record_own_activity(deps, ctx, "user:ssh-key.create", {{"fingerprint", key.fingerprint}});
    return server::HttpResponse::json(200, ssh_key_item(key));
}

// Always 204, whether or not the caller had such a key: nothing tells whose keys exist.
server::HttpResponse remove_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_body(ctx);
    const auto fingerprint = required_text(body, "fingerprint");
    const auto& caller = ctx.caller();
    if (deps.ssh_keys.remove(caller.user.id, fingerprint,
                             caller.api_key ? &*caller.api_key : nullptr)) {
        record_own_activity(deps, ctx, "user:ssh-key.delete", {{"fingerprint", fingerprint}});
    }
    return server::HttpResponse::no_content();
}

}  // namespace

void register_ssh_key_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "GET",
                .pattern = kSshKeysPath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return list_keys(deps, ctx); },
                .key_permission = "ssh-keys.read"});
    router.add({.method = "POST",
                .pattern = kSshKeysPath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return add_key(deps, ctx); },
                .key_permission = "ssh-keys.create"});
    router.add({.method = "POST",
                .pattern = kSshKeyRemovePath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return remove_key(deps, ctx); },
                .key_permission = "ssh-keys.delete"});
}

}  // namespace accountd::handlers::pterodactyl
