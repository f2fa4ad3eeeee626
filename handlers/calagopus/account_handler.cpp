#include "handlers/calagopus/account_handler.hpp"

#include <algorithm>
#include <array>
#include <regex>

#include "handlers/calagopus/languages.hpp"
#include "handlers/calagopus/payload.hpp"
#include "handlers/calagopus/refusal.hpp"
#include "handlers/calagopus/user_json.hpp"
#include "handlers/common/account_activity.hpp"
#include "handlers/common/account_changes.hpp"
#include "handlers/common/session_cookie.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"
#include "services/text.hpp"
#include "services/user_service.hpp"

namespace accountd::handlers::calagopus {
namespace {

constexpr std::array<std::string_view, 6> kToastPositions = {
    "top_left", "top_center", "top_right", "bottom_left", "bottom_center", "bottom_right"};

server::HttpResponse read_account(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& user = ctx.caller().user;
    return server::HttpResponse::json(
        200,
        {{"user", full_user_json(user, deps.config, deps.two_factor.last_code_used_at(user))}});
}

// garde's `length(min, max)` counts bytes (str::len).
void check_length(std::vector<FieldRefusal>& refusals, const char* field,
                  const std::optional<std::string>& value, std::size_t min, std::size_t max) {
    if (!value) return;
    if (value->size() < min) {
        refusals.push_back({field, "length is lower than " + std::to_string(min)});
    } else if (value->size() > max) {
        refusals.push_back({field, "length is greater than " + std::to_string(max)});
    }
}

// serde's words for a value of the wrong kind, as Calagopus' body extractor answers them.
[[noreturn]] void refuse_payload(const std::string& detail) {
    refuse(400, "invalid payload: " + detail);
}

services::ProfileChanges read_profile_changes(const nlohmann::json& body) {
    services::ProfileChanges changes;
    server::FieldReader reader(body);
    changes.username = reader.string("username");
    changes.name_first = reader.string("name_first");
    changes.name_last = reader.string("name_last");
    changes.language = reader.string("language");
    changes.toast_position = reader.string("toast_position");
    reader.check();
    if (changes.toast_position && std::find(kToastPositions.begin(), kToastPositions.end(),
                                            *changes.toast_position) == kToastPositions.end()) {
        refuse_payload("unknown variant `" + changes.toast_position->substr(0, 64) +
                       "`, expected one of `top_left`, `top_center`, `top_right`, "
                       "`bottom_left`, `bottom_center`, `bottom_right`");
    }
    if (const auto it = body.find("start_on_grouped_servers"); it != body.end() && !it->is_null()) {
        if (!it->is_boolean()) {
            refuse_payload("invalid type: " + server::json_type_phrase(*it) +
                           " for `start_on_grouped_servers`, expected a boolean");
        }
        changes.start_on_grouped_servers = it->get<bool>();
    }
    return changes;
}

// Order as Calagopus: validation (400), the key's account.infos (403), frozen (never, here),
// suspended (409); then the username's uniqueness, which Calagopus answers 500 and we 409.
server::HttpResponse update_account(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    auto changes = read_profile_changes(body);
    std::vector<FieldRefusal> refusals;
    check_length(refusals, "username", changes.username, 3, 15);
    if (changes.username && refusals.empty()) {
        static const std::regex kUsername("^[a-zA-Z0-9_]+$");
        if (!std::regex_match(*changes.username, kUsername)) {
            refusals.push_back({"username", "does not match pattern /^[a-zA-Z0-9_]+$/"});
        }
    }
    check_length(refusals, "name_first", changes.name_first, 1, 255);
    check_length(refusals, "name_last", changes.name_last, 1, 255);
    const std::size_t before_language = refusals.size();
    check_length(refusals, "language", changes.language, 2, 15);
    if (changes.language && refusals.size() == before_language && !is_language(*changes.language)) {
        refusals.push_back({"language", "invalid language: " + *changes.language});
    }
    if (!refusals.empty()) refuse_fields(refusals);

    const auto& caller = ctx.caller();
    if (caller.api_key && !services::ApiKeyService::grants(*caller.api_key, "account.infos")) {
        server::ApiError error(server::ErrorCode::forbidden, "key lacks account.infos");
        error.subject = "account.infos";
        throw error;
    }
    if (caller.user.suspended) refuse(409, "account is suspended");
    try {
        deps.users.update_profile(caller.user.id, changes, deps.clock.now());
    } catch (const services::DuplicateUser&) {
        refuse(409, "user with username already exists");
    }
    const auto& user = caller.user;
    record_own_activity(deps, ctx, "user:account.update",
                        {{"username", changes.username.value_or(user.username)},
                         {"name_first", changes.name_first.value_or(user.name_first)},
                         {"name_last", changes.name_last.value_or(user.name_last)},
                         {"language", changes.language.value_or(user.language)},
                         {"toast_position", changes.toast_position.value_or(user.toast_position)},
                         {"start_on_grouped_servers", changes.start_on_grouped_servers.value_or(
                                                          user.start_on_grouped_servers)}});
    return server::HttpResponse::json(200, nlohmann::ordered_json::object());
}

server::HttpResponse logout(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& caller = ctx.caller();
    if (!caller.session) throw server::ApiError(server::ErrorCode::session_auth_required);
    deps.sessions.end(*caller.session);
    auto response = server::HttpResponse::json(200, nlohmann::ordered_json::object());
    response.set_cookie(expired_cookie(deps.config, deps.config.calagopus_cookie));
    return response;
}

// Calagopus validates the body first, then the password, then uniqueness (409).
server::HttpResponse update_email(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    const auto email = server::required_string(body, "email");
    const auto password = server::required_string(body, "password");
    if (!services::is_plausible_email(email)) {
        throw services::ServiceError::invalid("email", services::Rule::email);
    }
    deps.password_confirmation.run(ctx.caller().user.id, ctx.client_ip,
                                   [&] { change_own_email(deps, ctx, password, email); });
    return server::HttpResponse::json(200, nlohmann::ordered_json::object());
}

// Body {password (current), new_password}; no confirmation field, as in Calagopus.
server::HttpResponse update_password(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    const auto current = server::required_string(body, "password");
    const auto fresh = server::required_string(body, "new_password");
    deps.password_confirmation.run(ctx.caller().user.id, ctx.client_ip, [&] {
        change_own_password(deps, ctx, current, fresh, std::nullopt, "new_password");
    });
    return server::HttpResponse::json(200, nlohmann::ordered_json::object());
}

}  // namespace

void register_account_routes(server::Router& router, const HandlerDeps& deps) {
    router.add(
        {.method = "GET",
         .pattern = kAccountPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::none,
         .handler = [&deps](server::RequestContext& ctx) { return read_account(deps, ctx); },
         .gate_exemption = "Calagopus lets suspended and 2FA-pending users read their account"});
    // account.infos is checked by the handler: Calagopus validates the body before it.
    router.add(
        {.method = "PATCH",
         .pattern = kAccountPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::none,
         .handler = [&deps](server::RequestContext& ctx) { return update_account(deps, ctx); },
         .gate_exemption = "Calagopus lets suspended and 2FA-pending users reach the account "
                           "route; the handler answers a suspended account 409"});
    router.add({.method = "POST",
                .pattern = kLogoutPath,
                // A key reaches the handler to hear Calagopus' 400 (sessions only).
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::none,
                .handler = [&deps](server::RequestContext& ctx) { return logout(deps, ctx); },
                .gate_exemption = server::kSignOutExemption});
    router.add({.method = "PUT",
                .pattern = kEmailPath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return update_email(deps, ctx); },
                .key_permission = "account.email"});
    router.add(
        {.method = "PUT",
         .pattern = kPasswordPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::all,
         .handler = [&deps](server::RequestContext& ctx) { return update_password(deps, ctx); },
         .key_permission = "account.password"});
}

}  // namespace accountd::handlers::calagopus
