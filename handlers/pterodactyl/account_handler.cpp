#include "handlers/pterodactyl/account_handler.hpp"

#include "handlers/common/account_changes.hpp"
#include "handlers/pterodactyl/request_body.hpp"
#include "handlers/pterodactyl/user_transformer.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

// The password is checked before anything is validated, as in Pterodactyl, so only a caller who
// knows it learns what else is wrong (a field of the wrong type included). A password that is
// not a string is simply wrong.
std::string password_of(const nlohmann::json& body, const char* field) {
    const auto it = body.find(field);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

server::HttpResponse read_account(server::RequestContext& ctx) {
    return server::HttpResponse::json(
        200, {{"object", "user"}, {"attributes", account_attributes(ctx.caller().user)}});
}

server::HttpResponse update_email(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_body(ctx);
    const auto password = password_of(body, "password");
    server::FieldReader fields(body);
    // Laravel turns "" into null before validation, so an empty field counts as missing.
    const auto email = fields.string("email").value_or("");
    deps.password_confirmation.run(ctx.caller().user.id, ctx.client_ip, [&] {
        if (!fields.ok()) {
            deps.accounts.require_password(ctx.caller().user, password);
            fields.check();
        }
        change_own_email(deps, ctx, password, email);
    });
    return server::HttpResponse::no_content();
}

server::HttpResponse update_password(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_body(ctx);
    const auto current = password_of(body, "current_password");
    server::FieldReader fields(body);
    auto password = fields.string("password");
    if (password && password->empty()) password.reset();
    // The first type error is the one reported, as before any rule runs.
    const auto confirmation =
        fields.ok() ? fields.string("password_confirmation").value_or("") : std::string();
    deps.password_confirmation.run(ctx.caller().user.id, ctx.client_ip, [&] {
        if (!fields.ok()) {
            deps.accounts.require_password(ctx.caller().user, current);
            fields.check();
        }
        change_own_password(deps, ctx, current, password, confirmation, "password");
    });
    return server::HttpResponse::no_content();
}

}  // namespace

void register_account_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "GET",
                .pattern = kAccountPath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::except_two_factor,
                .handler = [](server::RequestContext& ctx) { return read_account(ctx); },
                .gate_exemption = "Pterodactyl exempts it from required two-factor: the SPA "
                                  "shows the account page that tells the user to enable it"});
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

}  // namespace accountd::handlers::pterodactyl
