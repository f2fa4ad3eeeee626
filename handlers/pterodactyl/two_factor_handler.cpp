#include "handlers/pterodactyl/two_factor_handler.hpp"

#include "handlers/common/account_activity.hpp"
#include "handlers/pterodactyl/pterodactyl_dialect.hpp"
#include "handlers/pterodactyl/request_body.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

server::HttpResponse setup(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto data = deps.two_factor.begin_setup(ctx.caller().user);
    return server::HttpResponse::json(
        200, {{"data", {{"image_url_data", data.otpauth_url}, {"secret", data.secret}}}});
}

// Both fields are validated before anything is checked, `code` errors first, as in Pterodactyl.
server::HttpResponse enable(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_body(ctx);
    server::FieldReader fields(body);
    const auto code = fields.string("code").value_or("");
    if (!fields.failed("code")) {
        if (code.empty())
            fields.add("code", services::Rule::required);
        else if (code.size() != 6)
            fields.add("code", services::Rule::size, "6");
    }
    const auto password = fields.string("password").value_or("");
    if (!fields.failed("password") && password.empty()) {
        fields.add("password", services::Rule::required);
    }
    fields.check();
    const auto& caller = ctx.caller();
    std::vector<std::string> codes;
    deps.password_confirmation.run(ctx.caller().user.id, ctx.client_ip, [&] {
        codes = deps.two_factor.enable(caller.user, code, password, caller.session->id,
                                       caller.session->created_at);
    });
    record_own_activity(deps, ctx, "user:two-factor.create");
    return server::HttpResponse::json(
        200, {{"object", "recovery_tokens"}, {"attributes", {{"tokens", codes}}}});
}

server::HttpResponse disable(const HandlerDeps& deps, server::RequestContext& ctx) {
    // A password in the URL would end up in access logs; the legacy form sent it there.
    if (ctx.request.query_param("password")) {
        throw services::ServiceError::two_factor(services::TwoFactorFailure::password_in_query);
    }
    const auto body = read_body(ctx);
    const auto password = server::optional_string(body, "password").value_or("");
    const auto& caller = ctx.caller();
    deps.password_confirmation.run(caller.user.id, ctx.client_ip, [&] {
        deps.two_factor.disable(caller.user, password, caller.session->created_at);
    });
    record_own_activity(deps, ctx, "user:two-factor.delete");
    return server::HttpResponse::no_content();
}

}  // namespace

void register_two_factor_routes(server::Router& router, const HandlerDeps& deps) {
    // Past the required-2FA gate (this is where a user goes to satisfy it), not the suspension
    // one. Browser sessions only (a project security decision): Pterodactyl lets API keys in, but
    // a key must never manage two-factor (SECURITY.md), and a key has no sign-in whose age could
    // prove a fresh second factor for disabling it or renewing the recovery codes.
    const auto session = server::AuthRequirement::session;
    // Where a user without the required two-factor goes to enable it (as in Pterodactyl).
    constexpr std::string_view enrolment = "enrolling in two-factor is how the gate is passed";
    // A GET, yet it writes (a new pending secret, once the last one's setup time is over): it
    // asks for the XSRF header like a write (the SPA's axios sends it on every request), so a
    // cross-site link cannot.
    router.add({.method = "GET",
                .pattern = kTwoFactorPath,
                .auth = session,
                .gates = server::Gates::except_two_factor,
                .handler = [&deps](server::RequestContext& ctx) { return setup(deps, ctx); },
                .csrf_on_get = true,
                .gate_exemption = enrolment});
    router.add({.method = "POST",
                .pattern = kTwoFactorPath,
                .auth = session,
                .gates = server::Gates::except_two_factor,
                .handler = [&deps](server::RequestContext& ctx) { return enable(deps, ctx); },
                .gate_exemption = enrolment});
    router.add({.method = "POST",
                .pattern = kTwoFactorDisablePath,
                .auth = session,
                .gates = server::Gates::except_two_factor,
                .handler = [&deps](server::RequestContext& ctx) { return disable(deps, ctx); },
                .gate_exemption = enrolment});
    router.add({.method = "DELETE",
                .pattern = kTwoFactorPath,
                .auth = session,
                .gates = server::Gates::except_two_factor,
                .handler = [&deps](server::RequestContext& ctx) { return disable(deps, ctx); },
                .gate_exemption = enrolment});
}

}  // namespace accountd::handlers::pterodactyl
