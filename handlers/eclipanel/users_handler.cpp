#include "handlers/eclipanel/users_handler.hpp"

#include <set>

#include "handlers/eclipanel/auth_handler.hpp"
#include "handlers/eclipanel/avatar_handler.hpp"
#include "handlers/eclipanel/refusal.hpp"
#include "handlers/eclipanel/register_handler.hpp"
#include "handlers/eclipanel/user_target.hpp"
#include "handlers/eclipanel/user_update.hpp"
#include "server/json_body.hpp"
#include "services/text.hpp"

namespace accountd::handlers::eclipanel {
namespace {

namespace field = services::profile_field;

// Favorites kept at most (EcliPanel sets no limit), and the longest one.
constexpr std::size_t kMaxFavorites = 500;
constexpr std::size_t kMaxFavoriteLength = 128;

server::HttpResponse read_me(const HandlerDeps& deps, server::RequestContext& ctx) {
    return server::HttpResponse::json(
        200, user_schema_json(view_of(deps, ctx.caller().user), deps.config));
}

// §5.5, with its enumeration fixed: an unknown id and someone the caller may not read (no
// users:read) answer the same 404.
server::HttpResponse read_user(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto user = find_target(deps, ctx);
    return server::HttpResponse::json(200, user_schema_json(view_of(deps, user), deps.config));
}

// {shown?: boolean}, default true. Its schema makes a wrong type 422.
server::HttpResponse set_guide(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto user = find_target(deps, ctx);
    const auto body = server::parse_json_object(ctx);
    bool shown = true;
    if (const auto it = body.find("shown"); it != body.end()) {
        if (!it->is_boolean())
            throw services::ServiceError::invalid("shown", services::Rule::string);
        shown = it->get<bool>();
    }
    deps.profiles.write(user.id, {{field::guide_shown, std::string(shown ? "1" : "0")}});
    auto view = view_of(deps, user);
    // EcliPanel answers its whole "safe user" here; never a hash, session or secret (§15.6).
    auto json = user_schema_json(view, deps.config);
    json["guideShown"] = shown;
    return server::HttpResponse::json(200, {{"success", true}, {"user", json}});
}

server::HttpResponse set_favorites(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& user = ctx.caller().user;
    const auto body = read_unschematised_body(ctx);
    const auto it = body.find("favorites");
    if (it == body.end() || !it->is_array() || it->size() > kMaxFavorites) {
        refuse(400, "Invalid favorites list");
    }
    // Stringified and de-duplicated, in the order given.
    auto favorites = nlohmann::ordered_json::array();
    std::set<std::string> seen;
    for (const auto& entry : *it) {
        std::string text;
        if (entry.is_string()) {
            text = entry.get<std::string>();
        } else if (entry.is_number_integer() || entry.is_number_unsigned()) {
            text = entry.dump();
        } else {
            refuse(400, "Invalid favorites list");
        }
        if (text.empty() || services::utf8_length(text) > kMaxFavoriteLength) {
            refuse(400, "Invalid favorites list");
        }
        if (seen.insert(text).second) favorites.push_back(text);
    }
    auto settings = stored_settings(deps.profiles.read(user.id));
    if (settings.is_null()) settings = nlohmann::ordered_json::object();
    settings["serverFavorites"] = favorites;
    deps.profiles.write(user.id, {{field::settings, settings.dump()}});
    return server::HttpResponse::json(200, {{"success", true}, {"serverFavorites", favorites}});
}

server::HttpResponse set_terms_consent(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_unschematised_body(ctx);
    const auto it = body.find("version");
    std::string version;
    if (it != body.end() && it->is_string()) version = services::trim(it->get<std::string>());
    if (version.empty()) refuse(400, "version required");
    if (services::utf8_length(version) > 32) refuse(400, "version must be at most 32 characters");
    deps.profiles.write(ctx.caller().user.id, {{field::terms_consent_version, version}});
    return server::HttpResponse::json(200, {{"ok", true}, {"version", version}});
}

server::HttpResponse set_consent(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_unschematised_body(ctx);
    const auto it = body.find("consent");
    if (it == body.end() || !it->is_string() ||
        (it->get<std::string>() != "essential" && it->get<std::string>() != "all")) {
        refuse(400, "Invalid consent value");
    }
    const auto consent = it->get<std::string>();
    services::ProfileUpdate update{
        {field::consent, consent},
        {field::consent_at, std::to_string(deps.clock.now().time_since_epoch().count())}};
    if (const auto v = body.find("version"); v != body.end() && !v->is_null()) {
        if (!v->is_string() || services::utf8_length(v->get<std::string>()) > 32) {
            refuse(400, "Invalid consent version");
        }
        update[field::consent_version] = v->get<std::string>();
    }
    deps.profiles.write(ctx.caller().user.id, update);
    return server::HttpResponse::json(200, {{"ok", true}, {"consent", consent}});
}

}  // namespace

void register_users_routes(server::Router& router, const HandlerDeps& deps) {
    register_registration_route(router, deps);
    router.add({.method = "GET",
                .pattern = kMePath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::except_two_factor,
                .handler = [&deps](server::RequestContext& ctx) { return read_me(deps, ctx); },
                .gate_exemption = kWhoAmIExemption});
    router.add({.method = "GET",
                .pattern = kUserReadPath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return read_user(deps, ctx); },
                .others_permission = "users:read"});
    register_user_update_route(router, deps);
    register_avatar_routes(router, deps);
    router.add({.method = "POST",
                .pattern = kGuidePath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return set_guide(deps, ctx); },
                .key_permission = "account:infos",
                .others_permission = "users:write"});
    router.add(
        {.method = "PATCH",
         .pattern = kFavoritesPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::all,
         .handler = [&deps](server::RequestContext& ctx) { return set_favorites(deps, ctx); },
         .key_permission = "account:infos"});
    router.add(
        {.method = "POST",
         .pattern = kTermsConsentPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::all,
         .handler = [&deps](server::RequestContext& ctx) { return set_terms_consent(deps, ctx); },
         .key_permission = "account:infos"});
    router.add({.method = "POST",
                .pattern = kConsentPath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return set_consent(deps, ctx); },
                .key_permission = "account:infos"});
    // No export jobs exist in accountd (data export is out of scope); the settings page lists
    // them.
    router.add(
        {.method = "GET",
         .pattern = kExportJobsPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::all,
         .handler = [](server::RequestContext&) {
             return server::HttpResponse::json(200, {{"jobs", nlohmann::ordered_json::array()}});
         }});
}

}  // namespace accountd::handlers::eclipanel
