#include "handlers/eclipanel/panel_handler.hpp"

namespace accountd::handlers::eclipanel {
namespace {

// Registration follows the one dialect-neutral switch; captcha, OAuth and passkeys do not exist
// here, so the frontend asks for none of them.
server::HttpResponse panel_settings(const HandlerDeps& deps) {
    const bool registration = deps.config.registration_enabled;
    return server::HttpResponse::json(
        200, {{"registrationEnabled", registration},
              {"registrationNotice", ""},
              {"featureToggles",
               {{"registration", registration},
                {"captcha", false},
                {"captchaInvisible", false},
                {"oauth", false},
                {"passkeys", false}}},
              {"webauthn", {{"enabled", false}, {"allowDiscoverable", false}}}});
}

}  // namespace

void register_panel_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "GET",
                .pattern = kPanelSettingsPath,
                .auth = server::AuthRequirement::none,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext&) { return panel_settings(deps); }});
    router.add(
        {.method = "GET",
         .pattern = kInternalDomainsPath,
         .auth = server::AuthRequirement::none,
         .gates = server::Gates::all,
         .handler = [](server::RequestContext&) {
             return server::HttpResponse::json(200, {{"origins", nlohmann::ordered_json::array()}});
         }});
}

}  // namespace accountd::handlers::eclipanel
