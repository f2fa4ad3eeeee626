#include "handlers/calagopus/public_handler.hpp"

#include "handlers/calagopus/languages.hpp"
#include "handlers/common/time_format.hpp"

namespace accountd::handlers::calagopus {
namespace {

// Passkeys are issue 12; the frontend still reads their limit.
constexpr int kMaxSecurityKeys = 50;

server::HttpResponse settings(const HandlerDeps& deps) {
    const auto& c = deps.config;
    return server::HttpResponse::json(
        200, {{"app",
               {{"url", c.public_url},
                // The frontend's schema wants a string here (the panel's default icon path).
                {"icon", "/icon.svg"},
                {"icon_light", nullptr},
                {"banner", nullptr},
                {"banner_light", nullptr},
                {"name", c.app_name},
                {"language", c.calagopus_language},
                {"registration_enabled", c.registration_enabled},
                // Later frontends read these too; accountd sends no mail yet (issue 11).
                {"email_two_factor_enabled", false},
                {"email_verification_required", false},
                {"two_factor_accepted_methods", nlohmann::ordered_json::array()},
                {"debug", false}}},
              // Off until passkeys exist, so the login page never offers a security key.
              {"webauthn", {{"enabled", false}, {"allow_discoverable", false}}},
              {"captcha_provider", {{"type", "none"}}},
              {"user",
               {{"max_server_group_count", 25},
                {"max_api_key_count", c.calagopus_max_api_keys},
                {"max_command_snippet_count", 0},
                {"max_security_key_count", kMaxSecurityKeys},
                {"max_ssh_key_count", c.calagopus_max_ssh_keys},
                {"allow_changing_language", true},
                {"route_order", nullptr}}},
              {"server",
               {{"max_file_manager_view_size", 10 * 1024 * 1024},
                {"max_file_manager_content_search_size", 5 * 1024 * 1024},
                {"max_file_manager_search_results", 100},
                {"max_subuser_count", 25},
                {"max_schedule_step_count", 40},
                {"max_schedules_step_count", 40},
                {"max_backup_group_count", 25},
                {"max_database_instance_database_count", 25},
                {"max_database_instance_user_count", 25},
                {"allow_overwriting_custom_docker_image", true},
                {"allow_editing_startup_command", false},
                {"allow_viewing_installation_logs", true},
                {"allow_acknowledging_installation_failure", true},
                {"allow_viewing_transfer_progress", true},
                {"container_prelude", ""}}},
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
