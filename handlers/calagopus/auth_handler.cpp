#include "handlers/calagopus/auth_handler.hpp"

#include "crypto/encoding.hpp"
#include "crypto/random.hpp"
#include "handlers/calagopus/api_user_json.hpp"
#include "handlers/calagopus/payload.hpp"
#include "handlers/calagopus/refusal.hpp"
#include "handlers/calagopus/session_cookie.hpp"
#include "handlers/calagopus/user_json.hpp"
#include "handlers/common/sign_in_client.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"
#include "services/text.hpp"
#include "services/user_service.hpp"

namespace accountd::handlers::calagopus {
namespace {

// Calagopus' format: a 16-character key id, ':', and 64 hex characters (here 256 random bits).
std::string mint_token(const services::Session&, crypto::RandomSource& random) {
    return crypto::random_alphanumeric(random, 16) + ":" + crypto::to_hex(random.bytes(32));
}

server::HttpResponse signed_in_response(const HandlerDeps& deps,
                                        const services::SignInOutcome& signed_in,
                                        const nlohmann::ordered_json& body) {
    auto response = server::HttpResponse::json(200, body);
    response.set_cookie(
        calagopus_session_cookie(deps, signed_in.session.session, signed_in.session.token));
    return response;
}

server::HttpResponse login(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    services::PasswordLogin attempt;
    attempt.identifier = server::required_string(body, "user");
    attempt.password = server::required_string(body, "password");
    (void)server::optional_string(body, "captcha");  // type-checked; no captcha provider here
    const auto signed_in =
        deps.sign_in.with_password(attempt, sign_in_client(ctx, "calagopus"), mint_token, true);
    if (signed_in.status == services::SignInOutcome::Status::second_factor_needed) {
        // No cookie yet: the token (single-use, bound to this pending sign-in) goes to the
        // checkpoint.
        return server::HttpResponse::json(200,
                                          {{"type", "two_factor_required"},
                                           {"user", api_user_json(signed_in.user, deps.config)},
                                           {"token", signed_in.confirmation_token}});
    }
    return signed_in_response(
        deps, signed_in,
        {{"type", "completed"}, {"user", full_user_json(signed_in.user, deps.config)}});
}

// Body {code, confirmation_token}. By the code's length: 6 a TOTP code, 10 a recovery code.
server::HttpResponse checkpoint(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    const auto code = server::required_string(body, "code");
    const auto token = server::required_string(body, "confirmation_token");
    const auto client = sign_in_client(ctx, "calagopus");
    if (code.size() != 6 && code.size() != 10) {
        // A dead token is refused first, as Calagopus checks the token before the code.
        if (!deps.two_factor.pending_user(token, client.dialect)) {
            refuse(400, "invalid confirmation token");
        }
        refuse(400, "invalid confirmation code");
    }
    services::SecondFactor factor;
    if (code.size() == 6) {
        factor.totp_code = code;
    } else {
        factor.recovery_code = code;
    }
    const auto signed_in = deps.sign_in.with_second_factor(token, factor, client, mint_token);
    return signed_in_response(deps, signed_in,
                              {{"user", full_user_json(signed_in.user, deps.config)}});
}

// garde's checks of the registration body, one message per failing field.
std::vector<std::string> registration_problems(const std::string& username,
                                               const std::string& email,
                                               const std::string& name_first,
                                               const std::string& name_last,
                                               const std::string& password) {
    std::vector<std::string> problems;
    const auto length = [&](const char* field, const std::string& value, std::size_t min,
                            std::size_t max) {
        const auto chars = services::utf8_length(value);
        if (chars < min) {
            problems.push_back(std::string(field) + ": length is lower than " +
                               std::to_string(min));
            return false;
        }
        if (chars > max) {
            problems.push_back(std::string(field) + ": length is greater than " +
                               std::to_string(max));
            return false;
        }
        return true;
    };
    if (length("username", username, 3, 15) &&
        username.find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") !=
            std::string::npos) {
        problems.emplace_back("username: does not match pattern /^[a-zA-Z0-9_]+$/");
    }
    if (!services::is_plausible_email(email)) {
        problems.emplace_back("email: not a valid email: invalid format");
    }
    length("name_first", name_first, 1, 255);
    length("name_last", name_last, 1, 255);
    length("password", password, 8, 512);
    return problems;
}

server::HttpResponse register_user(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = read_payload(ctx);
    services::NewUser input;
    input.username = server::required_string(body, "username");
    input.email = server::required_string(body, "email");
    input.name_first = server::required_string(body, "name_first");
    input.name_last = server::required_string(body, "name_last");
    input.password = server::required_string(body, "password");
    (void)server::optional_string(body, "captcha");  // type-checked; no captcha provider here
    const auto problems = registration_problems(input.username, input.email, input.name_first,
                                                input.name_last, input.password);
    if (!problems.empty()) return server::HttpResponse::json(400, {{"errors", problems}});
    if (!deps.config.registration_enabled) refuse(400, "registration is disabled");
    // Racy between two first sign-ups, as in Calagopus; the switch is for a fresh install.
    input.root_admin = deps.config.registration_first_user_admin && !deps.users.has_any_user();
    services::User user;
    try {
        user = deps.user_service.create(input);
    } catch (const services::InvalidUser& e) {
        // accountd's own rules: its username form, its password policy.
        refuse(400, e.what());
    } catch (const services::DuplicateUser&) {
        refuse(400, "user with username or email already exists");
    }
    const auto client = sign_in_client(ctx, "calagopus");
    const auto issued =
        deps.sessions.start(user, client.dialect, client.ip, client.user_agent, mint_token);
    auto response = server::HttpResponse::json(200, {{"user", full_user_json(user, deps.config)}});
    response.set_cookie(calagopus_session_cookie(deps, issued.session, issued.token));
    return response;
}

}  // namespace

void register_auth_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "POST",
                .pattern = kLoginPath,
                .auth = server::AuthRequirement::none,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return login(deps, ctx); }});
    router.add({.method = "POST",
                .pattern = kCheckpointPath,
                .auth = server::AuthRequirement::none,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return checkpoint(deps, ctx); }});
    router.add(
        {.method = "POST",
         .pattern = kRegisterPath,
         .auth = server::AuthRequirement::none,
         .gates = server::Gates::all,
         .handler = [&deps](server::RequestContext& ctx) { return register_user(deps, ctx); }});
}

}  // namespace accountd::handlers::calagopus
