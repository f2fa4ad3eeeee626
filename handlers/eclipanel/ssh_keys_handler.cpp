#include "handlers/eclipanel/ssh_keys_handler.hpp"

#include <charconv>

#include "crypto/ssh_public_key.hpp"
#include "handlers/common/account_activity.hpp"
#include "handlers/common/time_format.hpp"
#include "handlers/eclipanel/refusal.hpp"
#include "server/json_body.hpp"
#include "services/text.hpp"

namespace accountd::handlers::eclipanel {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kNotFound = "SSH key not found";
constexpr const char* kBadFormat =
    "Invalid public key format. Supported types: ssh-rsa, ssh-ed25519, "
    "ecdsa-sha2-nistp256/384/521, sk-ssh-ed25519, sk-ecdsa-sha2-nistp256, and Openssh "
    "certificates";

// EcliPanel's name column is varchar(255); the shared table's is 191 characters.
services::SshKeyRules eclipanel_rules() {
    return {.name_min = 1, .name_max = 191};
}

std::string wire_fingerprint(const services::SshKey& key) {
    return "SHA256:" + key.fingerprint;
}

std::string js_date(services::Timestamp t) {
    std::string out = rfc3339_z(t);
    out.insert(out.size() - 1, ".000");
    return out;
}

Json key_json(const services::SshKey& key) {
    return {{"id", key.id},
            {"name", key.name},
            {"fingerprint", wire_fingerprint(key)},
            {"createdAt", js_date(key.created_at)}};
}

// The caller's key with the path's id; nullopt for an unknown id or someone else's key.
std::optional<services::SshKey> own_key(const HandlerDeps& deps,
                                        const server::RequestContext& ctx) {
    const auto& text = ctx.params.at("id");
    std::uint64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    for (auto& key : deps.ssh_keys.list(ctx.caller().user.id)) {
        if (key.id == id) return std::move(key);
    }
    return std::nullopt;
}

// A non-empty string after trimming, else nullopt (EcliPanel's falsy check; a value of another
// type, which EcliPanel would crash on, counts as missing).
std::optional<std::string> present_string(const nlohmann::json& body, const char* field) {
    const auto it = body.find(field);
    if (it == body.end() || !it->is_string()) return std::nullopt;
    auto text = services::trim(it->get<std::string>());
    if (text.empty()) return std::nullopt;
    return text;
}

void check_name_length(const std::string& name) {
    if (services::utf8_length(name) > eclipanel_rules().name_max) {
        refuse(400, "name must be at most 191 characters");
    }
}

server::HttpResponse list_keys(const HandlerDeps& deps, server::RequestContext& ctx) {
    auto out = Json::array();
    for (const auto& key : deps.ssh_keys.list(ctx.caller().user.id))
        out.push_back(key_json(key));
    return server::HttpResponse::json(200, out);
}

server::HttpResponse add_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx);
    const auto name = present_string(body, "name");
    const auto public_key = present_string(body, "publicKey");
    if (!name || !public_key) refuse(400, "name and publicKey are required");
    // An SSH key has no address list or expiry: a key limited by either must not mint one.
    if (const auto& key = ctx.caller().api_key;
        key && (!key->allowed_ips.empty() || key->expires_at)) {
        refuse(403, "An API key limited to addresses or an expiry cannot add SSH keys");
    }
    check_name_length(*name);
    const auto parsed = crypto::parse_ssh_public_key(*public_key);
    // EcliPanel reads only the one-line OpenSSH form; Pterodactyl's PEM forms are not keys here.
    if (public_key->starts_with("-----")) refuse(400, kBadFormat);
    if (const auto* problem = std::get_if<crypto::SshKeyProblem>(&parsed)) {
        // A short RSA key is the shared rule of every dialect (SECURITY.md), not EcliPanel's.
        if (*problem == crypto::SshKeyProblem::rsa_too_short) {
            refuse(400, "RSA keys must be at least 2048 bits");
        }
        refuse(400, kBadFormat);
    }
    services::SshKey key;
    try {
        key =
            deps.ssh_keys.add(ctx.caller().user.id, *name, *public_key, nullptr, eclipanel_rules());
    } catch (const services::ServiceError& e) {
        if (e.kind() == services::ServiceError::Kind::invalid_fields && !e.violations().empty()) {
            switch (e.violations().front().rule) {
                case services::Rule::ssh_duplicate:
                    refuse(409, "This key is already registered on your account");
                case services::Rule::ssh_too_many:
                    refuse(400, "Too many SSH keys");
                default:
                    break;
            }
        }
        throw;
    }
    // The stored row carries the id EcliPanel addresses keys by.
    if (auto stored = deps.ssh_keys.find(ctx.caller().user.id, key.uuid)) key = std::move(*stored);
    record_own_activity(deps, ctx, "user:ssh-key.create",
                        {{"fingerprint", wire_fingerprint(key)}, {"name", key.name}});
    return server::HttpResponse::json(201, key_json(key));
}

server::HttpResponse rename_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx);
    const auto name = present_string(body, "name");
    if (!name) refuse(400, "name is required");
    const auto key = own_key(deps, ctx);
    if (!key) refuse(404, kNotFound);
    check_name_length(*name);
    const auto user_id = ctx.caller().user.id;
    switch (deps.ssh_keys.rename(user_id, key->uuid, *name, eclipanel_rules())) {
        case services::SshKeyService::Renamed::renamed:
            break;
        case services::SshKeyService::Renamed::not_found:
            refuse(404, kNotFound);
        case services::SshKeyService::Renamed::name_taken:
            // The shared table renames only to a name the user gives no other key.
            refuse(409, "Another SSH key already has this name");
    }
    record_own_activity(deps, ctx, "user:ssh-key.update",
                        {{"fingerprint", wire_fingerprint(*key)}, {"name", *name}});
    return server::HttpResponse::json(
        200, {{"success", true}, {"key", {{"id", key->id}, {"name", *name}}}});
}

server::HttpResponse delete_key(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto key = own_key(deps, ctx);
    if (!key) refuse(404, kNotFound);
    if (!deps.ssh_keys.remove_by_uuid(ctx.caller().user.id, key->uuid)) refuse(404, kNotFound);
    record_own_activity(deps, ctx, "user:ssh-key.delete",
                        {{"fingerprint", wire_fingerprint(*key)}, {"name", key->name}});
    return server::HttpResponse::json(200, {{"success", true}});
}

}  // namespace

void register_ssh_key_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "GET",
                .pattern = kSshKeysPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return list_keys(deps, ctx); },
                .key_permission = "sshkeys:read"});
    router.add({.method = "POST",
                .pattern = kSshKeysPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return add_key(deps, ctx); },
                .key_permission = "sshkeys:create"});
    router.add({.method = "PUT",
                .pattern = kSshKeyPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return rename_key(deps, ctx); },
                .key_permission = "sshkeys:update"});
    router.add({.method = "DELETE",
                .pattern = kSshKeyPath,
                .auth = server::AuthRequirement::session_or_key,
                .handler = [&deps](server::RequestContext& ctx) { return delete_key(deps, ctx); },
                .key_permission = "sshkeys:delete"});
}

}  // namespace accountd::handlers::eclipanel
