#include "handlers/calagopus/public_handler.hpp"

#include "handlers/calagopus/languages.hpp"
#include "handlers/common/time_format.hpp"

namespace accountd::handlers::calagopus {
namespace {

// The account-side limits accountd enforces, as Calagopus' user settings name them.
constexpr int kMaxApiKeys = 50;
constexpr int kMaxSecurityKeys = 50;
constexpr int kMaxSshKeys = 50;

server::HttpResponse settings(const HandlerDeps& deps) {
    const auto& c = deps.config;
    return server::HttpResponse::json(
        200,
        {{"app",
          {{"url", c.public_url},
           {"icon", nullptr},
           {"icon_light", nullptr},
           {"banner", nullptr},
           {"banner_light", nullptr},
           {"name", c.app_name},
           {"language", c.calagopus_language},
           // Registration is issue 9's auth part (calagopus.registration_enabled); off until then.
           {"registration_enabled", false},
           {"debug", false}}},
         // Off until passkeys exist, so the login page never offers a security key.
         {"webauthn", {{"enabled", false}, {"allow_discoverable", false}}},
         {"captcha_provider", {{"type", "none"}}},
         {"user",
          {{"max_api_key_count", kMaxApiKeys},
           {"max_security_key_count", kMaxSecurityKeys},
           {"max_ssh_key_count", kMaxSshKeys},
           {"allow_changing_language", true},
           {"route_order", nlohmann::ordered_json::array()}}},
         {"server",
          {{"max_file_manager_view_size", 10 * 1024 * 1024},
           {"max_file_manager_content_search_size", 5 * 1024 * 1024},
           {"max_file_manager_search_results", 100},
           {"max_schedules_step_count", 40},
           {"allow_overwriting_custom_docker_image", true},
           {"allow_editing_startup_command", false},
           {"allow_viewing_installation_logs", true},
           {"allow_acknowledging_installation_failure", true},
           {"allow_viewing_transfer_progress", true}}},
         {"time", rfc3339_z(deps.clock.now())},
         {"oobe_step", nullptr},
         {"disabled_extensions", nlohmann::ordered_json::array()}});
}

server::HttpResponse languages() {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto code : kLanguages)
        list.push_back(std::string(code));
    return server::HttpResponse::json(200, {{"languages", list}});
}

}  // namespace

void register_public_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "GET",
                .pattern = kSettingsPath,
                .handler = [&deps](server::RequestContext&) { return settings(deps); }});
    router.add({.method = "GET", .pattern = kLanguagesPath, .handler = [](server::RequestContext&) {
                    return languages();
                }});
    // Calagopus' announcement list: none are published here.
    router.add(
        {.method = "GET", .pattern = kAnnouncementsPath, .handler = [](server::RequestContext&) {
             return server::HttpResponse::json(
                 200, {{"announcements", nlohmann::ordered_json::array()}});
         }});
    router.add(
        {.method = "GET", .pattern = kOAuthProvidersPath, .handler = [](server::RequestContext&) {
             return server::HttpResponse::json(
                 200, {{"oauth_providers", nlohmann::ordered_json::array()}});
         }});
}

}  // namespace accountd::handlers::calagopus
