// EcliPanel two-factor through nginx (reference §4.2, §4.3): the temp token of a password
// sign-in, /2fa/verify-login with a TOTP or backup code and its order of checks and limits,
// setup with the secret kept server-side, enabling and disabling with a code alone, and one TOTP
// state shared with the Pterodactyl and Calagopus checkpoints.

#include <regex>

#include "eclipanel_session_support.hpp"

using namespace accountd;
using namespace accountd::testing;
using namespace accountd::testing::eclipanel_support;

namespace {

constexpr const char* kVerifyLogin = "/api/auth/2fa/verify-login";

HttpResult verify_login(Browser& b, const nlohmann::json& body) {
    return b.client.post_json(kVerifyLogin, body, {{"X-Forwarded-For", b.address}});
}

// Six digits no code of the window around `step` equals.
std::string wrong_code(const std::string& secret, std::int64_t step) {
    for (int i = 0;; ++i) {
        std::string candidate = std::to_string(100000 + i * 7919);
        bool clash = false;
        for (std::int64_t s = step - 3; s <= step + 3; ++s)
            clash = clash || candidate == code_for(secret, s);
        if (!clash) return candidate;
    }
}

long long pending_count(std::uint64_t user_id) {
    long long n = 0;
    const long long id = static_cast<long long>(user_id);
    Stack::get().sql() << "SELECT COUNT(*) FROM pending_logins WHERE user_id = :id", soci::use(id),
        soci::into(n);
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(eclipanel_two_factor)

BOOST_AUTO_TEST_CASE(a_two_factor_account_signs_in_with_a_temp_token_then_a_totp_code) {
    const auto t = create_user();
    auto owner = signed_in(t);
    const auto enabled = enable_two_factor(owner);
    Browser b;
    const auto login = password_login(b, t);
    BOOST_TEST(login.status == 200, login.body);
    // The temp token only: no session, no cookie (the old stop-gap answered 401 here).
    BOOST_TEST(login.json().size() == 2u);
    BOOST_TEST(login.json()["twoFactorRequired"] == true);
    const std::string temp = login.json()["tempToken"];
    BOOST_TEST(temp.size() >= 32u);
    BOOST_TEST(login.set_cookie("token").empty());
    BOOST_TEST(!b.client.cookie("token").has_value());
    const int sessions_before = count_sessions(t.user.id);
    const auto r = verify_login(
        b, {{"tempToken", temp}, {"token", code_for(enabled.secret, enabled.step + 1)}});
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json()["csrfToken"].get<std::string>().size() == 64u);
    const std::string token = r.json()["token"];
    BOOST_TEST(b.client.cookie("token").value_or("") == token);
    BOOST_TEST(r.set_cookie("token").find("HttpOnly") != std::string::npos);
    BOOST_TEST(count_sessions(t.user.id) == sessions_before + 1);
    // The cookie works as a password sign-in's does, and names the new session.
    const auto session = b.client.get("/api/auth/session");
    BOOST_TEST(session.status == 200, session.body);
    BOOST_TEST(session.json()["user"]["twoFactorEnabled"] == true);
    b.take(r);
    BOOST_TEST(session.json()["user"]["sessionId"] == b.session_id);
    // Replayed: the temp token was used up.
    check_error(verify_login(b, {{"tempToken", temp},
                                 {"token", code_for(enabled.secret, enabled.step + 2)}}),
                400, "Invalid tempToken");
}

BOOST_AUTO_TEST_CASE(verify_login_checks_in_the_reference_order) {
    const auto t = create_user();
    auto owner = signed_in(t);
    const auto enabled = enable_two_factor(owner);
    Browser b;
    const auto temp = temp_token(b, t);
    // The body's schema first: every field a string, tempToken required.
    check_error(verify_login(b, {{"token", "123456"}}), 422, "Request error");
    check_error(verify_login(b, {{"tempToken", 5}, {"token", "123456"}}), 422, "Request error");
    check_error(verify_login(b, {{"tempToken", temp}, {"token", 123456}}), 422, "Request error");
    check_error(verify_login(b, {{"tempToken", temp}, {"backupCode", true}}), 422, "Request error");
    check_error(
        b.client.request("POST", kVerifyLogin, "{",
                         {{"Content-Type", "application/json"}, {"X-Forwarded-For", b.address}}),
        422, "Request error");
    // A forged temp token, or none, before anything about codes.
    check_error(verify_login(b, {{"tempToken", "forged"}}), 400, "Invalid tempToken");
    check_error(verify_login(b, {{"tempToken", std::string(64, 'a')}, {"token", "123456"}}), 400,
                "Invalid tempToken");
    check_error(verify_login(b, {{"tempToken", ""}, {"token", "123456"}}), 400,
                "Invalid tempToken");
    check_error(verify_login(b, {{"tempToken", temp}}), 400, "2FA code required");
    check_error(verify_login(b, {{"tempToken", temp}, {"token", ""}, {"backupCode", ""}}), 400,
                "2FA code required");
    // E-mail codes come with the mail issue.
    check_error(verify_login(b, {{"tempToken", temp}, {"emailCode", "123456"}}), 400,
                "Email codes are not enabled");
    check_error(
        verify_login(b, {{"tempToken", temp}, {"token", wrong_code(enabled.secret, now_step())}}),
        400, "Invalid token");
    check_error(verify_login(b, {{"tempToken", temp}, {"backupCode", "0123456789ab"}}), 400,
                "Invalid backup code");
    // Every factor sent must pass: a right backup code does not carry a wrong TOTP code. (The
    // test stack's third wrong code ends the temp token.)
    check_error(verify_login(b, {{"tempToken", temp},
                                 {"backupCode", enabled.codes.front()},
                                 {"token", wrong_code(enabled.secret, now_step())}}),
                400, "Invalid token");
    check_error(verify_login(b, {{"tempToken", temp}, {"backupCode", enabled.codes.front()}}), 400,
                "Invalid tempToken");
    // A backup code works once. (From a new address: this one spent its verify-login limit.)
    b.address = own_address();
    const auto fresh = temp_token(b, t);
    const auto r = verify_login(b, {{"tempToken", fresh}, {"backupCode", enabled.codes.front()}});
    BOOST_TEST(r.status == 200, r.body);
    const auto again = temp_token(b, t);
    check_error(verify_login(b, {{"tempToken", again}, {"backupCode", enabled.codes.front()}}), 400,
                "Invalid backup code");
    const auto other = verify_login(b, {{"tempToken", again}, {"backupCode", enabled.codes[1]}});
    BOOST_TEST(other.status == 200, other.body);
}

BOOST_AUTO_TEST_CASE(an_expired_temp_token_or_another_dialects_is_refused) {
    const auto t = create_user();
    auto owner = signed_in(t);
    const auto enabled = enable_two_factor(owner);
    Browser b;
    const auto temp = temp_token(b, t);
    const long long id = static_cast<long long>(t.user.id);
    Stack::get().sql() << "UPDATE pending_logins SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 "
                          "SECOND WHERE user_id = :id",
        soci::use(id);
    check_error(verify_login(b, {{"tempToken", temp},
                                 {"token", code_for(enabled.secret, enabled.step + 1)}}),
                400, "Invalid tempToken");
    // A Calagopus confirmation token is no EcliPanel temp token.
    const auto calagopus_login = calagopus().post_json(
        "/api/auth/login", {{"user", t.user.username}, {"password", t.password}},
        {{"X-Forwarded-For", b.address}});
    BOOST_REQUIRE_EQUAL(calagopus_login.status, 200);
    const std::string confirmation = calagopus_login.json()["token"];
    check_error(verify_login(b, {{"tempToken", confirmation},
                                 {"token", code_for(enabled.secret, enabled.step + 1)}}),
                400, "Invalid tempToken");
    BOOST_TEST(pending_count(t.user.id) >= 1);
}

BOOST_AUTO_TEST_CASE(verify_login_limits_totp_codes_per_account_and_requests_per_address) {
    const auto t = create_user();
    auto owner = signed_in(t);
    const auto enabled = enable_two_factor(owner);
    const auto& config = Stack::get().root().config();
    // The soft TOTP limit counts every code tried, per account, whatever the temp token.
    const auto soft = config.eclipanel_2fa_totp_soft_limit.hits;
    Browser b;
    for (std::uint32_t i = 0; i < soft; ++i) {
        const auto temp = temp_token(b, t);
        check_error(verify_login(b, {{"tempToken", temp},
                                     {"token", wrong_code(enabled.secret, now_step())}}),
                    400, "Invalid token");
    }
    const auto temp = temp_token(b, t);
    check_limited(verify_login(
        b, {{"tempToken", temp}, {"token", code_for(enabled.secret, enabled.step + 1)}}));
    // Per address: a forged temp token counts too.
    Browser flood;
    const auto per_address = config.eclipanel_2fa_verify_login_limit.hits;
    for (std::uint32_t i = 0; i < per_address; ++i)
        check_error(verify_login(flood, {{"tempToken", "forged"}}), 400, "Invalid tempToken");
    check_limited(verify_login(flood, {{"tempToken", "forged"}}));
    // Without a code, per account.
    Browser quiet;
    const auto fresh = temp_token(quiet, t);
    for (std::uint32_t i = 0; i < config.eclipanel_2fa_code_missing_limit.hits; ++i)
        check_error(verify_login(quiet, {{"tempToken", fresh}}), 400, "2FA code required");
    check_limited(verify_login(quiet, {{"tempToken", fresh}}));
}

BOOST_AUTO_TEST_CASE(send_email_answers_a_clear_refusal_until_mail_exists) {
    const auto t = create_user();
    auto owner = signed_in(t);
    enable_two_factor(owner);
    Browser b;
    const auto temp = temp_token(b, t);
    const auto send = [&](const nlohmann::json& body) {
        return b.client.post_json("/api/auth/2fa/send-email", body,
                                  {{"X-Forwarded-For", b.address}});
    };
    check_error(send(nlohmann::json::object()), 422, "Request error");
    check_error(send({{"tempToken", 1}}), 422, "Request error");
    check_error(send({{"tempToken", ""}}), 400, "Missing tempToken");
    check_error(send({{"tempToken", "forged"}}), 400, "Invalid tempToken");
    check_error(send({{"tempToken", temp}}), 400, "Email codes are not enabled");
}

BOOST_AUTO_TEST_CASE(setup_keeps_the_secret_server_side_and_verify_takes_only_that_secret) {
    const auto t = create_user();
    auto b = signed_in(t);
    check_error(b.post("/api/auth/2fa/verify", {{"token", "123456"}, {"secret", "AAAA"}}), 400,
                "Two-factor authentication has not been set up");
    const auto setup = b.get("/api/auth/2fa/setup");
    BOOST_TEST(setup.status == 200, setup.body);
    const std::string secret = setup.json()["secret"];
    BOOST_TEST(std::regex_match(secret, std::regex("[A-Z2-7]{32}")));
    BOOST_TEST(setup.json()["otpauth_url"].get<std::string>().starts_with("otpauth://totp/"));
    BOOST_TEST(setup.json()["otpauth_url"].get<std::string>().find("secret=" + secret) !=
               std::string::npos);
    // A reload shows the same pending secret.
    BOOST_TEST(b.get("/api/auth/2fa/setup").json()["secret"] == secret);
    const auto step = now_step() - 1;
    check_error(b.post("/api/auth/2fa/verify", {{"token", code_for(secret, step)}}), 422,
                "Request error");
    check_error(b.post("/api/auth/2fa/verify", {{"token", 123456}, {"secret", secret}}), 422,
                "Request error");
    check_error(b.post("/api/auth/2fa/verify", {{"token", ""}, {"secret", secret}}), 400,
                "Missing token or secret");
    // A secret of the client's choosing, with a right code for it, enables nothing.
    const std::string chosen = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    check_error(
        b.post("/api/auth/2fa/verify", {{"token", code_for(chosen, step)}, {"secret", chosen}}),
        400, "Invalid token");
    check_error(b.post("/api/auth/2fa/verify",
                       {{"token", wrong_code(secret, now_step())}, {"secret", secret}}),
                400, "Invalid token");
    BOOST_TEST(b.get("/api/auth/session").json()["user"]["twoFactorEnabled"] == false);
    const auto r =
        b.post("/api/auth/2fa/verify", {{"token", code_for(secret, step)}, {"secret", secret}});
    BOOST_TEST(r.status == 200, r.body);
    const auto codes = r.json()["recoveryCodes"].get<std::vector<std::string>>();
    BOOST_TEST(codes.size() == 10u);
    for (const auto& c : codes)
        BOOST_TEST(std::regex_match(c, std::regex("[0-9a-f]{12}")), c);
    // Stored hashed: no plaintext code in the table.
    const long long id = static_cast<long long>(t.user.id);
    long long plain = 0;
    Stack::get().sql() << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :id AND "
                          "(code_hash = :c OR HEX(code_hash) LIKE CONCAT('%', HEX(:c2), '%'))",
        soci::use(id), soci::use(codes.front()), soci::use(codes.front()), soci::into(plain);
    BOOST_TEST(plain == 0);
    // The enabling session stays; the factor is on. (A new address: this one spent its limit.)
    b.address = own_address();
    BOOST_TEST(b.get("/api/auth/session").json()["user"]["twoFactorEnabled"] == true);
    check_error(b.get("/api/auth/2fa/setup"), 400, "Two-factor authentication is already enabled");
    check_error(
        b.post("/api/auth/2fa/verify", {{"token", code_for(secret, step + 1)}, {"secret", secret}}),
        400, "Two-factor authentication is already enabled");
}

BOOST_AUTO_TEST_CASE(enabling_ends_the_accounts_other_sessions) {
    const auto t = create_user();
    auto b = signed_in(t);
    auto other = signed_in(t);
    auto pterodactyl_client = pterodactyl_signed_in(t);
    enable_two_factor(b);
    check_error(other.get("/api/users/me"), 401, "Invalid session");
    BOOST_TEST(pterodactyl_client.get("/api/client/account").status == 401);
    BOOST_TEST(b.get("/api/users/me").status == 200);
}

BOOST_AUTO_TEST_CASE(disabling_takes_a_fresh_code_and_ends_every_session) {
    const auto t = create_user();
    auto b = signed_in(t);
    const auto enabled = enable_two_factor(b);
    check_error(b.post("/api/auth/2fa/disable", nlohmann::json::object()), 422, "Request error");
    check_error(b.post("/api/auth/2fa/disable", {{"token", 123456}}), 422, "Request error");
    check_error(b.post("/api/auth/2fa/disable", {{"token", ""}}), 400, "Missing token");
    // The code that enabled is spent; a backup code is not taken here.
    check_error(
        b.post("/api/auth/2fa/disable", {{"token", code_for(enabled.secret, enabled.step)}}), 400,
        "Invalid token");
    check_error(b.post("/api/auth/2fa/disable", {{"token", enabled.codes.front()}}), 400,
                "Invalid token");
    // Another session of the account (through the checkpoint), and one in Calagopus.
    Browser other;
    const auto temp = temp_token(other, t);
    const auto completed = verify_login(
        other, {{"tempToken", temp}, {"token", code_for(enabled.secret, enabled.step + 1)}});
    BOOST_REQUIRE_EQUAL(completed.status, 200);
    other.take(completed);
    // Cookie write: the Origin check, not x-csrf-token, decides.
    auto& browser = b.client;
    browser.set_cookie("token", b.token);
    const nlohmann::json body = {{"token", code_for(enabled.secret, enabled.step + 2)}};
    BOOST_TEST(browser
                   .post_json("/api/auth/2fa/disable", body,
                              {{"X-Forwarded-For", b.address}, {"x-csrf-token", "anything"}})
                   .status == 403);
    const auto r = browser.post_json("/api/auth/2fa/disable", body, b.cookie_write());
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"success", true}}));
    BOOST_TEST(r.set_cookie("token").find("Max-Age=0") != std::string::npos);
    check_error(eclipanel().get("/api/users/me", {{"Authorization", "Bearer " + b.token}}), 401,
                "Invalid session");
    check_error(other.get("/api/users/me"), 401, "Invalid session");
    BOOST_TEST(count_sessions(t.user.id) == 0);
    // Off everywhere: the password alone signs in again.
    Browser after;
    const auto login = password_login(after, t);
    BOOST_TEST(login.status == 200);
    BOOST_TEST(login.json().contains("token"));
    auto fresh = signed_in(t);
    check_error(fresh.post("/api/auth/2fa/disable", {{"token", "123456"}}), 400,
                "Two-factor authentication is not enabled");
}

BOOST_AUTO_TEST_CASE(two_factor_management_needs_a_session_and_is_limited_per_address) {
    Browser nobody;
    check_error(nobody.get("/api/auth/2fa/setup"), 401, "Missing auth token");
    check_error(nobody.post("/api/auth/2fa/verify", {{"token", "1"}, {"secret", "A"}}), 401,
                "Missing auth token");
    check_error(nobody.post("/api/auth/2fa/disable", {{"token", "1"}}), 401, "Missing auth token");
    const auto t = create_user();
    auto b = signed_in(t);
    const auto limit = Stack::get().root().config().eclipanel_2fa_disable_limit.hits;
    for (std::uint32_t i = 0; i < limit; ++i)
        check_error(b.post("/api/auth/2fa/disable", {{"token", ""}}), 400, "Missing token");
    check_limited(b.post("/api/auth/2fa/disable", {{"token", ""}}));
    const auto enable_limit = Stack::get().root().config().eclipanel_2fa_enable_limit.hits;
    for (std::uint32_t i = 0; i < enable_limit; ++i)
        check_error(b.post("/api/auth/2fa/verify", {{"token", ""}, {"secret", ""}}), 400,
                    "Missing token or secret");
    check_limited(b.post("/api/auth/2fa/verify", {{"token", ""}, {"secret", ""}}));
}

BOOST_AUTO_TEST_CASE(two_factor_enabled_in_eclipanel_is_asked_for_by_pterodactyl_and_calagopus) {
    const auto t = create_user();
    auto b = signed_in(t);
    const auto enabled = enable_two_factor(b);
    // Pterodactyl: the checkpoint, with a code of the same secret.
    auto ptero = pterodactyl();
    const auto login =
        ptero.post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}});
    BOOST_REQUIRE_EQUAL(login.status, 200);
    BOOST_TEST(login.json()["data"]["complete"] == false);
    const std::string confirmation = login.json()["data"]["confirmation_token"];
    // The step EcliPanel enabled with is spent there too.
    BOOST_TEST(ptero
                   .post_json("/auth/login/checkpoint",
                              {{"confirmation_token", confirmation},
                               {"authentication_code", code_for(enabled.secret, enabled.step)}})
                   .status == 400);
    const auto done =
        ptero.post_json("/auth/login/checkpoint",
                        {{"confirmation_token", confirmation},
                         {"authentication_code", code_for(enabled.secret, enabled.step + 1)}});
    BOOST_TEST(done.status == 200, done.body);
    BOOST_TEST(ptero.get("/api/client/account").status == 200);
    // Calagopus: the same, and an EcliPanel recovery code works at its checkpoint.
    auto cala = calagopus();
    const auto cala_login =
        cala.post_json("/api/auth/login", {{"user", t.user.username}, {"password", t.password}},
                       {{"X-Forwarded-For", b.address}});
    BOOST_REQUIRE_EQUAL(cala_login.status, 200);
    BOOST_TEST(cala_login.json()["type"] == "two_factor_required");
    const auto cala_done = cala.post_json("/api/auth/login/checkpoint",
                                          {{"code", code_for(enabled.secret, enabled.step + 2)},
                                           {"confirmation_token", cala_login.json()["token"]}},
                                          {{"X-Forwarded-For", b.address}});
    BOOST_TEST(cala_done.status == 200, cala_done.body);
    BOOST_TEST(cala.get("/api/client/account").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
