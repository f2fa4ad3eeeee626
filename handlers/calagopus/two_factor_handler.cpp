#include "handlers/calagopus/two_factor_handler.hpp"

#include "handlers/calagopus/payload.hpp"
#include "handlers/calagopus/refusal.hpp"
#include "handlers/common/account_activity.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::calagopus {
namespace {

constexpr std::size_t kMaxPassword = 512;

// serde's decoding errors (missing field, wrong type) come before any check, as the body is
// decoded before the handler runs.
struct CodeAndPassword {
    std::string code;
    std::string password;
};

CodeAndPassword read_code_and_password(const server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    CodeAndPassword input;
    input.code = server::required_string(body, "code");
    input.password = server::required_string(body, "password");
    return input;
}

// garde's checks, every failing field listed.
void validate(const CodeAndPassword& input, std::size_t code_min, std::size_t code_max) {
    const auto none = nlohmann::json::object();
    server::FieldReader fields(none);
    if (input.code.size() < code_min) {
        fields.add("code", services::Rule::min, std::to_string(code_min));
    } else if (input.code.size() > code_max) {
        fields.add("code", services::Rule::max, std::to_string(code_max));
    }
    if (input.password.size() > kMaxPassword) {
        fields.add("password", services::Rule::max, std::to_string(kMaxPassword));
    }
    fields.check();
}

server::HttpResponse begin_setup(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& user = ctx.caller().user;
    if (user.totp_enabled) refuse(409, "two-factor authentication is already enabled");
    // The same pending secret for the setup time (a reload does not break an enrolment in
    // progress), where Calagopus makes a new one on every call.
    const auto setup = deps.two_factor.begin_setup(user);
    return server::HttpResponse::json(200,
                                      {{"otp_url", setup.otpauth_url}, {"secret", setup.secret}});
}

server::HttpResponse enable(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto input = read_code_and_password(ctx);
    const auto& caller = ctx.caller();
    if (caller.user.totp_enabled) refuse(409, "two-factor authentication is already enabled");
    if (!deps.two_factor.has_pending_setup(caller.user)) {
        refuse(401, "two-factor authentication has not been configured");
    }
    validate(input, 6, 6);
    std::vector<std::string> codes;
    deps.password_confirmation.run(caller.user.id, ctx.client_ip, [&] {
        codes = deps.two_factor.enable(caller.user, input.code, input.password, caller.session->id,
                                       caller.session->created_at);
    });
    record_own_activity(deps, ctx, "user:two-factor.create");
    return server::HttpResponse::json(200, {{"recovery_codes", codes}});
}

server::HttpResponse disable(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto input = read_code_and_password(ctx);
    const auto& caller = ctx.caller();
    if (!caller.user.totp_enabled) refuse(409, "two-factor authentication is not enabled");
    validate(input, 6, 10);
    using Kind = services::DisableConfirmation::Kind;
    deps.password_confirmation.run(caller.user.id, ctx.client_ip, [&] {
        if (input.code.size() != 6 && input.code.size() != 10) {
            // The password is checked before the code's length, as in Calagopus.
            deps.two_factor.confirm_password(caller.user, input.password);
            refuse(400, "invalid confirmation code length");
        }
        deps.two_factor.disable(
            caller.user, input.password, caller.session->created_at,
            {input.code.size() == 6 ? Kind::totp : Kind::recovery_code, input.code});
    });
    record_own_activity(deps, ctx, "user:two-factor.delete");
    return server::HttpResponse::json(200, nlohmann::ordered_json::object());
}

}  // namespace

void register_two_factor_routes(server::Router& router, const HandlerDeps& deps) {
    // Browser sessions only (SECURITY.md): a key never manages two-factor, and has no sign-in
    // whose age could prove a fresh second factor. Past the required-2FA gate: this is where a
    // user goes to satisfy it.
    constexpr std::string_view enrolment = "enrolling in two-factor is how the gate is passed";
    const auto add = [&](const char* method, server::Handler handler) {
        router.add({.method = method,
                    .pattern = kTwoFactorPath,
                    .auth = server::AuthRequirement::session,
                    .gates = server::Gates::except_two_factor,
                    .handler = std::move(handler),
                    .key_permission = "account.two-factor",
                    .gate_exemption = enrolment});
    };
    add("GET", [&deps](server::RequestContext& ctx) { return begin_setup(deps, ctx); });
    add("POST", [&deps](server::RequestContext& ctx) { return enable(deps, ctx); });
    add("DELETE", [&deps](server::RequestContext& ctx) { return disable(deps, ctx); });
}

}  // namespace accountd::handlers::calagopus
