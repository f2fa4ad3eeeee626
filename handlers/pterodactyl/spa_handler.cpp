#include "handlers/pterodactyl/spa_handler.hpp"

#include "handlers/pterodactyl/auth_handler.hpp"
#include "handlers/pterodactyl/user_transformer.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

enum class Audience { visitors, members };

server::HttpResponse redirect(const std::string& location) {
    server::HttpResponse response;
    response.status = 302;
    response.set_header("Location", location);
    return response;
}

server::HttpResponse page(const HandlerDeps& deps, const SpaShell& shell, Audience audience,
                          server::RequestContext& ctx) {
    // Laravel's guest and auth middleware on the panel's web routes.
    if (audience == Audience::visitors && ctx.principal) return redirect("/");
    if (audience == Audience::members && !ctx.principal) return redirect(kLoginPath);
    server::HttpResponse response;
    response.set_header("Content-Type", "text/html; charset=utf-8");
    SpaShell::Bootstrap bootstrap;
    bootstrap.csrf_token = set_xsrf_cookies(deps, ctx, response);
    if (ctx.principal) bootstrap.user = login_user_json(ctx.caller().user);
    // Sign-in has no captcha here: the per-account and per-address throttles stand in for it.
    bootstrap.site = {{"name", deps.config.app_name},
                      {"locale", "en"},
                      {"recaptcha", {{"enabled", false}, {"siteKey", ""}}}};
    response.body = shell.render(bootstrap);
    return response;
}

}  // namespace

void register_spa_routes(server::Router& router, const HandlerDeps& deps, const SpaShell& shell) {
    const auto add = [&](const char* pattern, Audience audience) {
        router.add({.method = "GET",
                    .pattern = pattern,
                    .auth = server::AuthRequirement::session,
                    .gates = server::Gates::none,
                    .handler =
                        [&deps, &shell, audience](server::RequestContext& ctx) {
                            return page(deps, shell, audience, ctx);
                        },
                    .auth_optional = true,
                    .gate_exemption =
                        "the page only carries the SPA: the API calls it makes pass every gate, "
                        "and a user who must enable two-factor needs the page that lets them"});
    };
    add("/auth/{page...}", Audience::visitors);
    add("/", Audience::members);
    add("/account", Audience::members);
    add("/account/{page...}", Audience::members);
}

}  // namespace accountd::handlers::pterodactyl
