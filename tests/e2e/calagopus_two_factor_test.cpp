// Calagopus two-factor (§7) and the sign-in checkpoint (§11.1, §11.2) through nginx: the check
// orders and messages, one TOTP state shared with Pterodactyl, no code or token used twice.

#include <regex>

#include "calagopus_e2e_support.hpp"

using namespace accountd;
using namespace accountd::testing;
using namespace accountd::testing::calagopus_support;

namespace {

constexpr const char* kPath = "/api/client/account/two-factor";

// A sign-in that stops at the checkpoint; returns the confirmation token.
std::string pending(const TestUser& t, const std::string& address) {
    const auto r = calagopus().post_json(
        "/api/auth/login", {{"user", t.user.username}, {"password", t.password}}, from(address));
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_REQUIRE(r.json()["type"] == "two_factor_required");
    return r.json()["token"];
}

HttpResult checkpoint(Client&& client, const std::string& address, const std::string& code,
                      const std::string& token);

HttpResult checkpoint(Client& client, const std::string& address, const std::string& code,
                      const std::string& token) {
    return client.post_json("/api/auth/login/checkpoint",
                            {{"code", code}, {"confirmation_token", token}}, from(address));
}

HttpResult checkpoint(Client&& client, const std::string& address, const std::string& code,
                      const std::string& token) {
    return checkpoint(client, address, code, token);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_two_factor)

BOOST_AUTO_TEST_CASE(setup_answers_the_secret_and_the_otp_url_and_keeps_it_for_a_reload) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto r = client.get(kPath);
    BOOST_TEST(r.status == 200, r.body);
    const std::string secret = r.json()["secret"];
    BOOST_TEST(std::regex_match(secret, std::regex("[A-Z2-7]{32}")));
    const auto issuer =
        crypto::percent_encode(Stack::get().root().config().effective_totp_issuer());
    BOOST_TEST(r.json()["otp_url"] == "otpauth://totp/" + issuer + ":" +
                                          crypto::percent_encode(t.user.email) +
                                          "?secret=" + secret + "&issuer=" + issuer);
    BOOST_TEST(client.get(kPath).json()["secret"] == secret);
}

BOOST_AUTO_TEST_CASE(enabling_checks_in_the_reference_order_and_answers_ten_recovery_codes) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto w = writes(client);
    check_error(client.post_json(kPath, {{"code", "123456"}, {"password", t.password}}, w), 401,
                "two-factor authentication has not been configured");
    const std::string secret = client.get(kPath).json()["secret"];
    check_error(client.post_json(kPath, {{"password", t.password}}, w), 400,
                "invalid payload: missing field `code`");
    check_error(client.post_json(kPath, {{"code", "12345"}, {"password", t.password}}, w), 400,
                "code: length is lower than 6");
    check_error(
        client.post_json(
            kPath, {{"code", code_for(secret, now_step())}, {"password", "not the password"}}, w),
        403, "invalid password");
    const auto wrong = code_for(secret, now_step() + 5);
    check_error(client.post_json(kPath, {{"code", wrong}, {"password", t.password}}, w), 400,
                "invalid confirmation code");
    const auto r = client.post_json(
        kPath, {{"code", code_for(secret, now_step())}, {"password", t.password}}, w);
    BOOST_TEST(r.status == 200, r.body);
    const auto codes = r.json()["recovery_codes"].get<std::vector<std::string>>();
    BOOST_TEST(codes.size() == 10u);
    for (const auto& c : codes)
        BOOST_TEST(std::regex_match(c, std::regex("[A-Za-z0-9]{10}")));
    // Stored hashed: no code appears in the table.
    int plain = 0;
    const long long uid = static_cast<long long>(t.user.id);
    Stack::get().sql() << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :id AND "
                          "(code_hash = :c OR salt = :c2)",
        soci::use(uid), soci::use(codes[0]), soci::use(codes[0]), soci::into(plain);
    BOOST_TEST(plain == 0);
    check_error(client.get(kPath), 409, "two-factor authentication is already enabled");
    check_error(client.post_json(kPath, {{"code", "123456"}, {"password", t.password}}, w), 409,
                "two-factor authentication is already enabled");
    const auto read = client.get("/api/client/account");
    BOOST_TEST(read.json()["user"]["totp_enabled"] == true);
    const auto events = stored_activity(t.user.id);
    BOOST_TEST(events.back().first == "user:two-factor.create");
}

BOOST_AUTO_TEST_CASE(disabling_checks_in_order_and_refuses_a_replayed_or_used_code) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto w = writes(client);
    check_error(
        client.request("DELETE", kPath,
                       nlohmann::json({{"code", "123456"}, {"password", t.password}}).dump(),
                       {{"Content-Type", "application/json"}, w[0]}),
        409, "two-factor authentication is not enabled");
    const auto [secret, codes, step] = enable_two_factor(client, t);
    const auto del = [&](const std::string& code, const std::string& password) {
        return client.request("DELETE", kPath,
                              nlohmann::json({{"code", code}, {"password", password}}).dump(),
                              {{"Content-Type", "application/json"}, w[0]});
    };
    check_error(del("12345", t.password), 400, "code: length is lower than 6");
    check_error(del("12345678901", t.password), 400, "code: length is greater than 10");
    check_error(del("12345678", "not the password"), 403, "invalid password");
    check_error(del("12345678", t.password), 400, "invalid confirmation code length");
    // The step that enabled two-factor is spent: replaying its code proves nothing.
    check_error(del(code_for(secret, step), t.password), 400, "invalid confirmation code");
    check_error(del("AAAAAAAAAA", t.password), 400, "invalid recovery code");
    // A recovery code spent at the checkpoint is spent here too.
    const auto address = own_address();
    auto other = calagopus();
    BOOST_REQUIRE_EQUAL(checkpoint(other, address, codes[0], pending(t, address)).status, 200);
    check_error(del(codes[0], t.password), 400, "invalid recovery code");
    const auto r = del(codes[1], t.password);
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json() == nlohmann::json::object());
    BOOST_TEST(client.get("/api/client/account").json()["user"]["totp_enabled"] == false);
    BOOST_TEST(stored_activity(t.user.id).back().first == "user:two-factor.delete");
}

BOOST_AUTO_TEST_CASE(a_two_factor_sign_in_completes_at_the_checkpoint_once_per_token_and_code) {
    const auto t = create_user();
    auto setup = calagopus_signed_in(t);
    const auto [secret, codes, step] = enable_two_factor(setup, t);
    const auto address = own_address();
    const auto login = calagopus().post_json(
        "/api/auth/login", {{"user", t.user.email}, {"password", t.password}}, from(address));
    BOOST_TEST(login.status == 200, login.body);
    BOOST_TEST(login.set_cookie("calagopus_session").empty());
    const auto body = nlohmann::ordered_json::parse(login.body);
    BOOST_TEST(body["type"] == "two_factor_required");
    std::vector<std::string> keys;
    for (const auto& [k, v] : body["user"].items())
        keys.push_back(k);
    BOOST_TEST((keys ==
                std::vector<std::string>{"uuid", "username", "avatar", "totp_enabled", "created"}));
    BOOST_TEST(body["user"]["totp_enabled"] == true);
    const std::string token = body["token"];

    auto browser = calagopus();
    check_error(checkpoint(browser, address, "123", token), 400, "invalid confirmation code");
    check_error(checkpoint(browser, address, "123", "not-a-token"), 400,
                "invalid confirmation token");
    check_error(checkpoint(browser, address, code_for(secret, now_step() + 1), "not-a-token"), 400,
                "invalid confirmation token");
    const auto next = code_for(secret, step + 1);
    const auto r = checkpoint(browser, address, next, token);
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json()["user"]["uuid"] == t.user.uuid);
    BOOST_TEST(r.json()["user"].contains("email"));
    BOOST_TEST(browser.get("/api/client/account").status == 200);
    // The token is used up; the code's time step too, whatever token comes with it.
    check_error(checkpoint(calagopus(), address, next, token), 400, "invalid confirmation token");
    auto again = calagopus();
    check_error(checkpoint(again, address, next, pending(t, address)), 400,
                "this code has already been used");
    // A recovery code works once.
    const auto with_recovery = checkpoint(again, address, codes[2], pending(t, address));
    BOOST_TEST(with_recovery.status == 200, with_recovery.body);
    check_error(checkpoint(calagopus(), address, codes[2], pending(t, address)), 400,
                "invalid recovery code");
    std::vector<std::string> usings;
    for (const auto& [event, data] : stored_activity(t.user.id)) {
        if (event == "auth:success" || event == "auth:checkpoint") {
            usings.push_back(event + "/" + data.value("using", ""));
        }
    }
    BOOST_TEST(
        (std::find(usings.begin(), usings.end(), "auth:success/two-factor") != usings.end()));
    BOOST_TEST(
        (std::find(usings.begin(), usings.end(), "auth:success/recovery-code") != usings.end()));
    BOOST_TEST(
        (std::find(usings.begin(), usings.end(), "auth:checkpoint/password") != usings.end()));
}

BOOST_AUTO_TEST_CASE(two_factor_enabled_in_calagopus_is_asked_for_at_the_pterodactyl_checkpoint) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto [secret, codes, step] = enable_two_factor(client, t);
    auto browser = pterodactyl();
    const auto login =
        browser.post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}});
    BOOST_REQUIRE_EQUAL(login.status, 200);
    BOOST_TEST(login.json()["data"]["complete"] == false);
    // The step Calagopus enabled with is spent in Pterodactyl too.
    const std::string token = login.json()["data"]["confirmation_token"];
    BOOST_TEST(
        browser
            .post_json("/auth/login/checkpoint", {{"confirmation_token", token},
                                                  {"authentication_code", code_for(secret, step)}})
            .status == 400);
    const auto r = browser.post_json(
        "/auth/login/checkpoint",
        {{"confirmation_token", token}, {"authentication_code", code_for(secret, step + 1)}});
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json()["data"]["complete"] == true);
    BOOST_TEST(browser.get("/api/client/account").status == 200);
}

BOOST_AUTO_TEST_CASE(the_checkpoint_is_limited_per_address_in_the_calagopus_envelope) {
    const auto address = own_address();
    auto client = calagopus();
    const auto limit = Stack::get().root().config().calagopus_checkpoint_limit.hits;
    for (std::uint32_t i = 0; i < limit; ++i) {
        check_error(checkpoint(client, address, "1", "not-a-token"), 400,
                    "invalid confirmation token");
    }
    const auto r = checkpoint(client, address, "1", "not-a-token");
    BOOST_TEST(r.status == 429, r.body);
    const std::string message = r.json()["errors"][0];
    BOOST_TEST(std::regex_match(message, std::regex("you are ratelimited, retry in [0-9]+s")));
    BOOST_TEST(r.header("x-ratelimit-limit") == std::to_string(limit));
    BOOST_TEST(r.header("x-ratelimit-remaining") == "0");
    BOOST_TEST(!r.header("x-ratelimit-reset").empty());
    BOOST_TEST(!r.header("retry-after").empty());
    // Another address has its own count.
    check_error(checkpoint(client, own_address(), "1", "not-a-token"), 400,
                "invalid confirmation token");
}

BOOST_AUTO_TEST_CASE(the_required_two_factor_gate_lets_the_account_and_two_factor_routes_through) {
    auto t = create_user(true);  // an admin, and the stack requires two-factor of admins
    if (Stack::get().root().config().require_2fa == config::TwoFactorRequirement::none) return;
    auto client = calagopus_signed_in(t);
    BOOST_TEST(client.get("/api/client/account").status == 200);
    BOOST_TEST(client.get(kPath).status == 200);
    check_error(client.get("/api/client/account/sessions"), 403,
                "two-factor authentication required");
    enable_two_factor(client, t);
    BOOST_TEST(client.get("/api/client/account/sessions").status == 200);
}

BOOST_AUTO_TEST_CASE(two_factor_routes_take_no_credentials_and_no_cross_site_writes) {
    check_error(calagopus().get(kPath), 401, "missing authorization");
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    (void)client.get(kPath);
    const auto r = client.post_json(kPath, {{"code", "123456"}, {"password", t.password}},
                                    {{"Origin", "https://evil.example"}});
    BOOST_TEST(r.status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
