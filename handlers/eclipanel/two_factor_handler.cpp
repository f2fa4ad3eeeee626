#include "handlers/eclipanel/two_factor_handler.hpp"

#include "handlers/common/account_activity.hpp"
#include "handlers/common/sign_in_client.hpp"
#include "handlers/eclipanel/auth_handler.hpp"
#include "handlers/eclipanel/rate_limit.hpp"
#include "handlers/eclipanel/refusal.hpp"
#include "handlers/eclipanel/session_token.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::eclipanel {
namespace {

constexpr const char* kDialect = "eclipanel";

// EcliPanel's recovery codes: 10 codes of 6 random bytes as 12 lowercase hex digits.
const services::RecoveryCodeFormat kRecoveryCodes{
    10, 12, services::RecoveryCodeFormat::Alphabet::lower_hex};

// JavaScript's truthiness, which EcliPanel's handlers test: absent, null and "" are all "not
// sent".
bool given(const std::optional<std::string>& value) {
    return value.has_value() && !value->empty();
}

// speakeasy trims the code before checking it.
std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string bucket(const char* name, const std::string& who) {
    std::string out(name);
    out += who;
    return out;
}

server::HttpResponse verify_login(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx);
    const auto temp_token = server::required_string(body, "tempToken");
    const auto token = server::optional_string(body, "token");
    const auto backup_code = server::optional_string(body, "backupCode");
    const auto email_code = server::optional_string(body, "emailCode");
    const auto& limits = deps.config;
    spend_limit(deps, bucket("2fa-verify:ip:", ctx.client_ip),
                limits.eclipanel_2fa_verify_login_limit);
    const auto account = deps.two_factor.pending_user(temp_token, kDialect);
    if (!account) refuse(400, "Invalid tempToken");
    const std::string user = std::to_string(*account);
    if (!given(token) && !given(backup_code) && !given(email_code)) {
        spend_limit(deps, bucket("2fa-code-missing:user:", user),
                    limits.eclipanel_2fa_code_missing_limit);
        refuse(400, "2FA code required");
    }
    // E-mail codes come with the mail issue; every factor sent must pass, so this one fails.
    if (given(email_code)) refuse(400, "Email codes are not enabled");
    if (given(token)) {
        // Every code tried counts, a right one included (EcliPanel's soft and hard limits).
        spend_limit(deps, bucket("2fa-totp-soft:user:", user),
                    limits.eclipanel_2fa_totp_soft_limit);
        try {
            spend_limit(deps, bucket("2fa-totp-hard:user:", user),
                        limits.eclipanel_2fa_totp_hard_limit);
        } catch (const server::ApiError& spent) {
            server::ApiError locked(server::ErrorCode::refused, "two-factor hard limit spent");
            locked.status = 429;
            locked.subject =
                "Account temporarily locked due to too many 2FA attempts. Try again later.";
            locked.retry_after = spent.retry_after;
            throw locked;
        }
    }
    services::SecondFactor factor;
    if (given(token)) factor.totp_code = trimmed(*token);
    if (given(backup_code)) factor.recovery_code = *backup_code;
    factor.every_factor = true;
    try {
        const auto outcome = deps.sign_in.with_second_factor(
            temp_token, factor, sign_in_client(ctx, kDialect), session_token_minter(deps));
        return signed_in_response(deps, outcome.session);
    } catch (const services::ServiceError& e) {
        // Only failures count against backup codes; past the limit the answer is 429.
        if (e.kind() == services::ServiceError::Kind::two_factor &&
            e.two_factor_failure() == services::TwoFactorFailure::checkpoint_recovery) {
            spend_limit(deps, bucket("2fa-backup:user:", user),
                        limits.eclipanel_2fa_backup_failure_limit);
        }
        throw;
    }
}

server::HttpResponse send_email(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx);
    const auto temp_token = server::required_string(body, "tempToken");
    spend_limit(deps, bucket("2fa-send-email:ip:", ctx.client_ip),
                deps.config.eclipanel_2fa_send_email_limit);
    if (temp_token.empty()) refuse(400, "Missing tempToken");
    if (!deps.two_factor.pending_user(temp_token, kDialect)) refuse(400, "Invalid tempToken");
    refuse(400, "Email codes are not enabled");
}

server::HttpResponse begin_setup(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& user = ctx.caller().user;
    // EcliPanel replaces an enabled secret here; a new one without the old factor's proof
    // would let a stolen session swap the factor, so this is refused.
    if (user.totp_enabled) refuse(400, "Two-factor authentication is already enabled");
    // The same pending secret for the setup time, kept server-side: /2fa/verify accepts only it.
    const auto setup = deps.two_factor.begin_setup(user);
    return server::HttpResponse::json(
        200, {{"secret", setup.secret}, {"otpauth_url", setup.otpauth_url}});
}

server::HttpResponse enable(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx);
    const auto token = trimmed(server::required_string(body, "token"));
    const auto secret = server::required_string(body, "secret");
    spend_limit(deps, bucket("2fa-enable:ip:", ctx.client_ip),
                deps.config.eclipanel_2fa_enable_limit);
    if (token.empty() || secret.empty()) refuse(400, "Missing token or secret");
    const auto& caller = ctx.caller();
    std::vector<std::string> codes;
    deps.password_confirmation.run_with_code(caller.user.id, ctx.client_ip, [&] {
        codes = deps.two_factor.enable_with_code(caller.user, secret, token, kRecoveryCodes,
                                                 caller.session->id, caller.session->created_at);
    });
    record_own_activity(deps, ctx, "user:two-factor.create");
    return server::HttpResponse::json(200, {{"recoveryCodes", codes}});
}

server::HttpResponse disable(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx);
    const auto token = trimmed(server::required_string(body, "token"));
    spend_limit(deps, bucket("2fa-disable:ip:", ctx.client_ip),
                deps.config.eclipanel_2fa_disable_limit);
    if (token.empty()) refuse(400, "Missing token");
    const auto& caller = ctx.caller();
    if (!caller.user.totp_enabled) refuse(400, "Two-factor authentication is not enabled");
    deps.password_confirmation.run_with_code(caller.user.id, ctx.client_ip, [&] {
        deps.two_factor.disable_with_code(caller.user, token);
    });
    // EcliPanel ends every session of the account here, the caller's own included (§4.3).
    deps.sessions.end_all_except(caller.user.id, std::nullopt);
    record_own_activity(deps, ctx, "user:two-factor.delete");
    auto response = server::HttpResponse::json(200, {{"success", true}});
    response.set_cookie(expired_token_cookie(deps));
    return response;
}

}  // namespace

void register_two_factor_routes(server::Router& router, const HandlerDeps& deps) {
    router.add(
        {.method = "POST",
         .pattern = kVerifyLoginPath,
         .auth = server::AuthRequirement::none,
         .handler = [&deps](server::RequestContext& ctx) { return verify_login(deps, ctx); }});
    router.add({.method = "POST",
                .pattern = kSendEmailPath,
                .auth = server::AuthRequirement::none,
                .handler = [&deps](server::RequestContext& ctx) { return send_email(deps, ctx); }});
    // Browser sessions only (SECURITY.md: a key never manages two-factor). Past the required
    // two-factor gate: this is where a user goes to satisfy it.
    constexpr std::string_view enrolment = "enrolling in two-factor is how the gate is passed";
    router.add({.method = "GET",
                .pattern = kSetupPath,
                .auth = server::AuthRequirement::session,
                .gates = server::Gates::except_two_factor,
                .handler = [&deps](server::RequestContext& ctx) { return begin_setup(deps, ctx); },
                .gate_exemption = enrolment});
    router.add({.method = "POST",
                .pattern = kEnablePath,
                .auth = server::AuthRequirement::session,
                .gates = server::Gates::except_two_factor,
                .handler = [&deps](server::RequestContext& ctx) { return enable(deps, ctx); },
                .gate_exemption = enrolment});
    router.add({.method = "POST",
                .pattern = kDisablePath,
                .auth = server::AuthRequirement::session,
                .handler = [&deps](server::RequestContext& ctx) { return disable(deps, ctx); }});
}

}  // namespace accountd::handlers::eclipanel
