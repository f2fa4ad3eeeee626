#include "handlers/pterodactyl/two_factor_handler.hpp"

#include "handlers/common/account_activity.hpp"
#include "handlers/common/password_confirmation.hpp"
#include "handlers/common/service_errors.hpp"
#include "handlers/pterodactyl/pterodactyl_dialect.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

using server::ApiError;
using server::ErrorCode;

server::HttpResponse setup(const HandlerDeps& deps, server::RequestContext& ctx) {
    // A GET, yet it replaces the secret of a setup in progress: it asks for the XSRF header like
    // a write (the SPA's axios sends it on every request), so a cross-site link cannot.
    check_xsrf_header(deps.keys, ctx.request, *ctx.caller().session);
    try {
        const auto data = deps.two_factor.begin_setup(ctx.caller().user);
        return server::HttpResponse::json(
            200, {{"data", {{"image_url_data", data.otpauth_url}, {"secret", data.secret}}}});
    } catch (const services::TwoFactorError& e) {
        throw api_error_of(e);
    }
}

// Both fields are validated before anything is checked, `code` errors first, as in Pterodactyl.
server::HttpResponse enable(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx.request);
    std::vector<ApiError::FieldIssue> problems;
    std::string code, password;
    try {
        code = server::optional_string(body, "code").value_or("");
        if (code.empty())
            problems.push_back({"code", "required", ""});
        else if (code.size() != 6)
            problems.push_back({"code", "size", "6"});
    } catch (const ApiError& e) {
        problems.push_back({e.field, e.rule, e.rule_argument});
    }
    try {
        password = server::optional_string(body, "password").value_or("");
        if (password.empty()) problems.push_back({"password", "required", ""});
    } catch (const ApiError& e) {
        problems.push_back({e.field, e.rule, e.rule_argument});
    }
    if (!problems.empty()) {
        auto error = ApiError::field_error(ErrorCode::invalid_field, problems[0].field,
                                           problems[0].rule, problems[0].argument);
        error.more_fields.assign(problems.begin() + 1, problems.end());
        throw error;
    }
    const auto& caller = ctx.caller();
    try {
        std::vector<std::string> codes;
        confirming_password(deps, ctx, [&] {
            codes = deps.two_factor.enable(caller.user, code, password, caller.session->id);
        });
        record_own_activity(deps, ctx, "user:two-factor.create");
        return server::HttpResponse::json(
            200, {{"object", "recovery_tokens"}, {"attributes", {{"tokens", codes}}}});
    } catch (const services::TwoFactorError& e) {
        throw api_error_of(e);
    }
}

server::HttpResponse disable(const HandlerDeps& deps, server::RequestContext& ctx) {
    // A password in the URL would end up in access logs; the legacy form sent it there.
    if (ctx.request.query_param("password")) {
        ApiError error(ErrorCode::two_factor_failed, "password in query string");
        error.rule = "query_password";
        throw error;
    }
    const auto body = server::parse_json_object(ctx.request);
    const auto password = server::optional_string(body, "password").value_or("");
    try {
        confirming_password(deps, ctx,
                            [&] { deps.two_factor.disable(ctx.caller().user, password); });
    } catch (const services::TwoFactorError& e) {
        throw api_error_of(e);
    }
    record_own_activity(deps, ctx, "user:two-factor.delete");
    return server::HttpResponse::no_content();
}

}  // namespace

void register_two_factor_routes(server::Router& router, const HandlerDeps& deps) {
    // Past the required-2FA gate (this is where a user goes to satisfy it), not the suspension
    // one. Browser sessions only (a project security decision): Pterodactyl lets API keys in, but
    // a key must never manage two-factor, and even setup would replace a secret the user is in
    // the middle of scanning.
    const auto session = server::AuthRequirement::session;
    router.add({"GET", kTwoFactorPath, session, server::Gates::except_two_factor,
                [&deps](server::RequestContext& ctx) { return setup(deps, ctx); }});
    router.add({"POST", kTwoFactorPath, session, server::Gates::except_two_factor,
                [&deps](server::RequestContext& ctx) { return enable(deps, ctx); }});
    router.add({"POST", kTwoFactorDisablePath, session, server::Gates::except_two_factor,
                [&deps](server::RequestContext& ctx) { return disable(deps, ctx); }});
    router.add({"DELETE", kTwoFactorPath, session, server::Gates::except_two_factor,
                [&deps](server::RequestContext& ctx) { return disable(deps, ctx); }});
}

}  // namespace accountd::handlers::pterodactyl
