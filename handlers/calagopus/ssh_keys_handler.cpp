#include "handlers/calagopus/ssh_keys_handler.hpp"

#include "crypto/ssh_public_key.hpp"
#include "handlers/calagopus/pagination.hpp"
#include "handlers/calagopus/payload.hpp"
#include "handlers/calagopus/refusal.hpp"
#include "handlers/common/account_activity.hpp"
#include "handlers/common/time_format.hpp"
#include "net/curl_key_directory.hpp"
#include "server/json_body.hpp"
#include "services/ssh_key_import.hpp"
#include "services/text.hpp"

namespace accountd::handlers::calagopus {
namespace {

// An SSH key is a credential with no address limit or expiry of its own: a key limited by either
// must not mint one (SECURITY.md: no credential widens itself; Pterodactyl refuses the same).
void refuse_limited_key(const server::RequestContext& ctx) {
    const auto& key = ctx.caller().api_key;
    if (key && (!key->allowed_ips.empty() || key->expires_at)) {
        refuse(403, "an api key limited to addresses or an expiry cannot add ssh keys");
    }
}

constexpr const char* kNotFound = "ssh key not found";

// Calagopus' rules: 3-31 character names, unique per user, user.max_ssh_key_count keys. What
// every key must be (no DSA, RSA of 2048 bits or more) is shared with Pterodactyl.
services::SshKeyRules calagopus_rules(const HandlerDeps& deps) {
    return {.max_keys = deps.config.calagopus_max_ssh_keys,
            .name_min = 3,
            .name_max = 31,
            .distinct_names = true};
}

std::string wire_fingerprint(const services::SshKey& key) {
    return "SHA256:" + key.fingerprint;
}

nlohmann::ordered_json ssh_key_json(const services::SshKey& key) {
    return {{"uuid", key.uuid},
            {"name", key.name},
            {"fingerprint", wire_fingerprint(key)},
            {"created", rfc3339_z(key.created_at)}};
}

server::HttpResponse list_keys(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto request = read_page_request(ctx.request);
    const auto page =
        deps.ssh_keys.page(ctx.caller().user.id, request.offset(), request.limit(), request.search);
    auto data = nlohmann::ordered_json::array();
    for (const auto& key : page.keys)
        data.push_back(ssh_key_json(key));
    return server::HttpResponse::json(
        200, {{"ssh_keys", page_json(page.total, request, std::move(data))}});
}

// Calagopus decodes the key while reading the body (serde), so an unparsable key is refused
// before the name's length is checked.
server::HttpResponse add_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    // serde stops at the first field it cannot read.
    const auto name = server::required_string(body, "name");
    const auto public_key = server::required_string(body, "public_key");
    // Calagopus takes only the OpenSSH one-line form; Pterodactyl's PEM forms are not keys here.
    const auto parsed = crypto::parse_ssh_public_key(public_key);
    const auto* problem = std::get_if<crypto::SshKeyProblem>(&parsed);
    if ((problem && *problem == crypto::SshKeyProblem::not_valid) ||
        services::trim(public_key).starts_with("-----")) {
        refuse(400, "invalid payload: invalid public key");
    }
    const auto& caller = ctx.caller();
    // A key caller passed ssh-keys.create (Route::key_permission): Calagopus' own grant.
    refuse_limited_key(ctx);
    const auto key =
        deps.ssh_keys.add(caller.user.id, name, public_key, nullptr, calagopus_rules(deps));
    record_own_activity(
        deps, ctx, "user:ssh-key.create",
        {{"uuid", key.uuid}, {"fingerprint", wire_fingerprint(key)}, {"name", key.name}});
    return server::HttpResponse::json(200, {{"ssh_key", ssh_key_json(key)}});
}

server::HttpResponse import_keys(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    const auto provider_name = server::required_string(body, "provider");
    const auto username = server::required_string(body, "username");
    const auto provider = services::parse_key_provider(provider_name);
    if (!provider) {
        refuse(400, "invalid payload: unknown variant `" + provider_name.substr(0, 64) +
                        "`, expected one of `github`, `gitlab`, `launchpad`");
    }
    const auto length = services::utf8_length(username);
    if (length < 3) throw services::ServiceError::invalid("username", services::Rule::min, "3");
    if (length > 31) throw services::ServiceError::invalid("username", services::Rule::max, "31");
    // The name goes into the host's URL: only what a host allows in a user name.
    if (!services::is_importable_username(username)) {
        refuse(400, "username: does not match pattern /^[A-Za-z0-9._-]+$/");
    }
    const std::string host(services::key_provider_name(*provider));
    net::CurlKeyDirectory directory(
        {deps.config.calagopus_ssh_import_github_url, deps.config.calagopus_ssh_import_gitlab_url,
         deps.config.calagopus_ssh_import_launchpad_url},
        deps.config.calagopus_ssh_import_timeout_ms, deps.config.calagopus_ssh_import_max_bytes);
    refuse_limited_key(ctx);
    const auto answer = directory.fetch(*provider, username);
    if (!answer) refuse(417, "unable to fetch ssh keys from " + host);
    // Calagopus answers a host's unexpected JSON with 500; it is the host's fault, not ours.
    const auto provided =
        services::read_provided_keys(*provider, username, *answer, deps.clock.now());
    if (!provided) refuse(417, "unable to read ssh keys from " + host);
    const auto& caller = ctx.caller();
    const auto stored = deps.ssh_keys.import(caller.user.id, *provided, calagopus_rules(deps));
    auto keys = nlohmann::ordered_json::array();
    auto recorded = nlohmann::json::array();
    for (const auto& key : stored) {
        keys.push_back(ssh_key_json(key));
        recorded.push_back({{"uuid", key.uuid}, {"fingerprint", wire_fingerprint(key)}});
    }
    record_own_activity(
        deps, ctx, "user:ssh-key.import",
        {{"provider", host}, {"username", username}, {"ssh_keys", std::move(recorded)}});
    return server::HttpResponse::json(200, {{"ssh_keys", std::move(keys)}});
}

server::HttpResponse update_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    const auto name = server::optional_string(body, "name");
    const auto& uuid = ctx.params.at("uuid");
    const auto user_id = ctx.caller().user.id;
    const auto key = deps.ssh_keys.find(user_id, uuid);
    if (!key) refuse(404, kNotFound);
    if (name) {
        switch (deps.ssh_keys.rename(user_id, uuid, *name, calagopus_rules(deps))) {
            case services::SshKeyService::Renamed::renamed:
                break;
            case services::SshKeyService::Renamed::not_found:
                refuse(404, kNotFound);
            case services::SshKeyService::Renamed::name_taken:
                refuse(409, "ssh key with name already exists");
        }
    }
    record_own_activity(deps, ctx, "user:ssh-key.update",
                        {{"uuid", key->uuid},
                         {"fingerprint", wire_fingerprint(*key)},
                         {"name", name.value_or(key->name)}});
    return server::HttpResponse::json(200, nlohmann::ordered_json::object());
}

server::HttpResponse delete_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto removed = deps.ssh_keys.remove_by_uuid(ctx.caller().user.id, ctx.params.at("uuid"));
    if (!removed) refuse(404, kNotFound);
    record_own_activity(deps, ctx, "user:ssh-key.delete",
                        {{"uuid", removed->uuid},
                         {"fingerprint", wire_fingerprint(*removed)},
                         {"name", removed->name}});
    return server::HttpResponse::json(200, nlohmann::ordered_json::object());
}

}  // namespace

void register_ssh_key_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "GET",
                .pattern = kSshKeysPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return list_keys(deps, ctx); },
                .key_permission = "ssh-keys.read"});
    router.add({.method = "POST",
                .pattern = kSshKeysPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return add_key(deps, ctx); },
                .key_permission = "ssh-keys.create"});
    router.add({.method = "POST",
                .pattern = kSshKeyImportPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return import_keys(deps, ctx); },
                .key_permission = "ssh-keys.create"});
    router.add({.method = "PATCH",
                .pattern = kSshKeyPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return update_key(deps, ctx); },
                .key_permission = "ssh-keys.update"});
    router.add({.method = "DELETE",
                .pattern = kSshKeyPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return delete_key(deps, ctx); },
                .key_permission = "ssh-keys.delete"});
}

}  // namespace accountd::handlers::calagopus
