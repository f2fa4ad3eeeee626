// Pterodactyl two-factor: setup, enable, disable (TwoFactorControllerTest, reference 14.4) and
// the sign-in checkpoint with TOTP codes (one use per time step) and recovery codes.

#include <ctime>

#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

std::int64_t now_step() {
    return crypto::totp_step(std::time(nullptr), 30);
}

std::string code_for(const std::string& secret, std::int64_t step) {
    return crypto::hotp(*crypto::base32_decode(secret), static_cast<std::uint64_t>(step), 6);
}

// Sets up and enables two-factor; returns the base32 secret and the recovery codes.
std::pair<std::string, std::vector<std::string>> enable(PterodactylSession& s) {
    const auto setup = s.client.get("/api/client/account/two-factor", s.write);
    BOOST_REQUIRE_EQUAL(setup.status, 200);
    const std::string secret = setup.json()["data"]["secret"];
    const auto r = s.client.post_json(
        "/api/client/account/two-factor",
        {{"code", code_for(secret, now_step())}, {"password", s.t.password}}, s.write);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return {secret, r.json()["attributes"]["tokens"].get<std::vector<std::string>>()};
}

std::string pending_token(const TestUser& t) {
    const auto r = pterodactyl().post_json("/auth/login",
                                           {{"user", t.user.username}, {"password", t.password}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_REQUIRE(r.json()["data"]["complete"] == false);
    return r.json()["data"]["confirmation_token"];
}

HttpResult checkpoint(Client& client, const nlohmann::json& body) {
    return client.post_json("/auth/login/checkpoint", body);
}

void check(const HttpResult& r, int status, const std::string& code, const std::string& detail) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.json()["errors"][0]["code"] == code);
    BOOST_TEST(r.json()["errors"][0]["detail"] == detail);
}

int user_flag(std::uint64_t id, const char* column) {
    int value = 0;
    soci::indicator ind = soci::i_ok;
    const long long uid = static_cast<long long>(id);
    Stack::get().sql() << std::string("SELECT ") + column + " IS NOT NULL AND " + column +
                              " <> 0 FROM users WHERE id = :id",
        soci::use(uid), soci::into(value, ind);
    return value;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pterodactyl_two_factor)

BOOST_AUTO_TEST_CASE(setup_data_is_returned_and_a_sealed_secret_stored_without_enabling) {
    auto s = pterodactyl_session(create_user());
    const auto r = s.client.get("/api/client/account/two-factor", s.write);
    BOOST_TEST(r.status == 200);
    const auto data = r.json()["data"];
    // The issuer is the application name (app.name, Pterodactyl's APP_NAME), issue 8.17.
    BOOST_TEST(
        data["image_url_data"].get<std::string>().starts_with("otpauth://totp/Pterodactyl:"));
    BOOST_TEST(data["image_url_data"].get<std::string>().ends_with("&issuer=Pterodactyl"));
    BOOST_TEST(data["image_url_data"].get<std::string>().find(
                   "secret=" + data["secret"].get<std::string>()) != std::string::npos);
    BOOST_TEST(data["secret"].get<std::string>().size() == 32u);
    BOOST_TEST(user_flag(s.t.user.id, "totp_enabled") == 0);
    std::string stored;
    const long long uid = static_cast<long long>(s.t.user.id);
    Stack::get().sql() << "SELECT totp_secret FROM users WHERE id = :id", soci::use(uid),
        soci::into(stored);
    BOOST_TEST(stored.size() == 2u + 12u + 20u + 16u);  // format, key id, nonce, 160-bit key, tag
    BOOST_TEST(stored.substr(0, 2) == std::string("\x01\x00", 2));
    BOOST_TEST(stored.find(*crypto::base32_decode(data["secret"].get<std::string>())) ==
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(setup_needs_the_xsrf_header_so_a_cross_site_link_cannot_reset_it) {
    auto s = pterodactyl_session(create_user());
    check(s.client.get("/api/client/account/two-factor"), 419, "HttpException",
          "CSRF token mismatch.");
    BOOST_TEST(s.client.get("/api/client/account/two-factor", s.write).status == 200);
}

BOOST_AUTO_TEST_CASE(enabling_validates_then_checks_password_then_code) {
    auto s = pterodactyl_session(create_user());
    auto r = s.client.post_json("/api/client/account/two-factor", {{"code", ""}}, s.write);
    BOOST_TEST(r.status == 422);
    BOOST_REQUIRE(r.json()["errors"].size() == 2u);
    BOOST_TEST(r.json()["errors"][0]["meta"] ==
               nlohmann::json({{"source_field", "code"}, {"rule", "required"}}));
    BOOST_TEST(r.json()["errors"][1]["meta"] ==
               nlohmann::json({{"source_field", "password"}, {"rule", "required"}}));
    r = s.client.post_json("/api/client/account/two-factor", {{"code", 123456}, {"password", "x"}},
                           s.write);
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.json()["errors"][0]["detail"] == "The code must be a string.");
    const std::string secret =
        s.client.get("/api/client/account/two-factor", s.write).json()["data"]["secret"];
    check(s.client.post_json("/api/client/account/two-factor",
                             {{"code", "123456"}, {"password", "foo"}}, s.write),
          400, "BadRequestHttpException", "The password provided was not valid.");
    const auto wrong = code_for(secret, now_step() + 5);
    check(s.client.post_json("/api/client/account/two-factor",
                             {{"code", wrong}, {"password", s.t.password}}, s.write),
          400, "TwoFactorAuthenticationTokenInvalid",
          "The provided two-factor authentication token was not valid.");
    BOOST_TEST(user_flag(s.t.user.id, "totp_enabled") == 0);
}

BOOST_AUTO_TEST_CASE(enabling_returns_ten_recovery_codes_stored_only_as_digests) {
    auto s = pterodactyl_session(create_user());
    auto elsewhere = pterodactyl_session(s.t);
    const auto [secret, codes] = enable(s);
    BOOST_TEST(codes.size() == 10u);
    for (const auto& c : codes)
        BOOST_TEST(c.size() == 10u);
    BOOST_TEST(user_flag(s.t.user.id, "totp_enabled") == 1);
    int rows = 0;
    const long long uid = static_cast<long long>(s.t.user.id);
    Stack::get().sql() << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :id", soci::use(uid),
        soci::into(rows);
    BOOST_TEST(rows == 10);
    BOOST_TEST(elsewhere.client.get("/api/client/account").status == 401);  // other sessions end
    check(s.client.get("/api/client/account/two-factor", s.write), 400, "BadRequestHttpException",
          "Two-factor authentication is already enabled on this account.");
    const auto log = s.client.get("/api/client/account/activity").json();
    BOOST_TEST(log["data"][0]["attributes"]["event"] == "user:two-factor.create");
}

BOOST_AUTO_TEST_CASE(sign_in_completes_at_the_checkpoint_and_a_code_works_only_once) {
    auto s = pterodactyl_session(create_user());
    const auto [secret, codes] = enable(s);
    // The step used to enable is spent; the next one is inside the +-1 window.
    const auto next = code_for(secret, now_step() + 1);
    auto browser = pterodactyl();
    const auto r = checkpoint(
        browser, {{"confirmation_token", pending_token(s.t)}, {"authentication_code", next}});
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json()["data"]["complete"] == true);
    BOOST_TEST(!r.set_cookie("pterodactyl_session").empty());
    BOOST_TEST(browser.get("/api/client/account").status == 200);
    auto again = pterodactyl();
    check(checkpoint(again,
                     {{"confirmation_token", pending_token(s.t)}, {"authentication_code", next}}),
          400, "DisplayException", "The two-factor authentication token was invalid.");
    check(checkpoint(again, {{"confirmation_token", pending_token(s.t)},
                             {"authentication_code", code_for(secret, now_step())}}),
          400, "DisplayException", "The two-factor authentication token was invalid.");
    // Nor can it be replayed to enable again (which would hand out new recovery codes).
    check(browser.post_json("/api/client/account/two-factor",
                            {{"code", next}, {"password", s.t.password}},
                            {{"X-XSRF-TOKEN", *browser.cookie("XSRF-TOKEN")}}),
          400, "TwoFactorAuthenticationTokenInvalid",
          "The provided two-factor authentication token was not valid.");
    const auto log = browser.get("/api/client/account/activity?filter[event]=auth").json();
    std::vector<std::string> events;
    for (const auto& item : log["data"])
        events.push_back(item["attributes"]["event"]);
    BOOST_TEST((std::find(events.begin(), events.end(), "auth:token") != events.end()));
    BOOST_TEST((std::find(events.begin(), events.end(), "auth:checkpoint") != events.end()));
    BOOST_TEST((std::find(events.begin(), events.end(), "auth:success") != events.end()));
    // The two refused codes, as Pterodactyl records a failed checkpoint.
    BOOST_TEST(std::count(events.begin(), events.end(), "auth:fail") == 2);
    for (const auto& item : log["data"]) {
        if (item["attributes"]["event"] != "auth:fail") continue;
        BOOST_TEST(item["attributes"]["properties"].contains("username"));
        BOOST_TEST(item["attributes"]["properties"]["username"].is_null());
    }
}

BOOST_AUTO_TEST_CASE(a_recovery_code_signs_in_once) {
    auto s = pterodactyl_session(create_user());
    const auto [secret, codes] = enable(s);
    auto browser = pterodactyl();
    BOOST_TEST(checkpoint(browser, {{"confirmation_token", pending_token(s.t)},
                                    {"recovery_token", codes[3]}})
                   .status == 200);
    auto again = pterodactyl();
    check(checkpoint(again,
                     {{"confirmation_token", pending_token(s.t)}, {"recovery_token", codes[3]}}),
          400, "DisplayException", "The recovery token provided is not valid.");
    BOOST_TEST(checkpoint(again, {{"confirmation_token", pending_token(s.t)},
                                  {"recovery_token", codes[4]}})
                   .status == 200);
    const auto log = browser.get("/api/client/account/activity?filter[event]=recovery").json();
    BOOST_TEST(log["meta"]["pagination"]["total"] == 2);
}

BOOST_AUTO_TEST_CASE(expired_unknown_or_missing_confirmation_tokens_are_4xx) {
    auto s = pterodactyl_session(create_user());
    const auto [secret, codes] = enable(s);
    const auto token = pending_token(s.t);
    const long long uid = static_cast<long long>(s.t.user.id);
    Stack::get().sql() << "UPDATE pending_logins SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 "
                          "SECOND WHERE user_id = :id",
        soci::use(uid);
    auto client = pterodactyl();
    const std::string expired =
        "The authentication token provided has expired, please refresh the page and try again.";
    check(checkpoint(client, {{"confirmation_token", token}, {"recovery_token", codes[0]}}), 400,
          "DisplayException", expired);
    check(checkpoint(client, {{"confirmation_token", std::string(64, 'x')},
                              {"authentication_code", "123456"}}),
          400, "DisplayException", expired);
    auto r = checkpoint(client, {{"authentication_code", "123456"}});
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.json()["errors"][0]["meta"]["source_field"] == "confirmation_token");
    r = checkpoint(client, {{"confirmation_token", pending_token(s.t)}});
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.json()["errors"][0]["meta"]["source_field"] == "authentication_code");
}

BOOST_AUTO_TEST_CASE(disabling_needs_the_password_and_forgets_everything) {
    auto s = pterodactyl_session(create_user());
    enable(s);
    check(s.client.post_json("/api/client/account/two-factor/disable", {{"password", "foo"}},
                             s.write),
          400, "BadRequestHttpException", "The password provided was not valid.");
    BOOST_TEST(user_flag(s.t.user.id, "totp_enabled") == 1);
    BOOST_TEST(s.client
                   .post_json("/api/client/account/two-factor/disable",
                              {{"password", s.t.password}}, s.write)
                   .status == 204);
    BOOST_TEST(user_flag(s.t.user.id, "totp_enabled") == 0);
    BOOST_TEST(user_flag(s.t.user.id, "totp_secret") == 0);
    int rows = -1;
    const long long uid = static_cast<long long>(s.t.user.id);
    Stack::get().sql() << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :id", soci::use(uid),
        soci::into(rows);
    BOOST_TEST(rows == 0);
    BOOST_TEST(
        pterodactyl()
            .post_json("/auth/login", {{"user", s.t.user.username}, {"password", s.t.password}})
            .json()["data"]["complete"] == true);
    // Disabling when already off still answers 204.
    BOOST_TEST(s.client
                   .post_json("/api/client/account/two-factor/disable",
                              {{"password", s.t.password}}, s.write)
                   .status == 204);
}

// Issue 8.7: a session signed in longer ago than security.fresh_sign_in_seconds cannot turn
// two-factor off or renew the recovery codes, even with the password.
BOOST_AUTO_TEST_CASE(disabling_or_renewing_codes_needs_a_recent_sign_in) {
    auto s = pterodactyl_session(create_user());
    const auto [secret, codes] = enable(s);
    const long long uid = static_cast<long long>(s.t.user.id);
    const int fresh = Stack::get().root().config().fresh_sign_in_seconds;
    const auto age_sessions = [&](int seconds) {
        Stack::get().sql() << "UPDATE sessions SET created_at = UTC_TIMESTAMP() - INTERVAL :s "
                              "SECOND WHERE user_id = :id",
            soci::use(seconds), soci::use(uid);
    };
    age_sessions(fresh + 60);
    const std::string detail = "This needs a recent sign-in: sign out, sign in again and retry.";
    Headers headers = s.write;
    headers.emplace_back("Content-Type", "application/json");
    check(s.client.request("DELETE", "/api/client/account/two-factor",
                           nlohmann::json{{"password", s.t.password}}.dump(), headers),
          400, "BadRequestHttpException", detail);
    check(s.client.post_json("/api/client/account/two-factor/disable", {{"password", s.t.password}},
                             s.write),
          400, "BadRequestHttpException", detail);
    check(s.client.post_json(
              "/api/client/account/two-factor",
              {{"code", code_for(secret, now_step() + 1)}, {"password", s.t.password}}, s.write),
          400, "BadRequestHttpException", detail);
    BOOST_TEST(user_flag(s.t.user.id, "totp_enabled") == 1);
    // The session itself still works for everything else.
    BOOST_TEST(s.client.get("/api/client/account").status == 200);

    age_sessions(fresh - 60);
    BOOST_TEST(s.client
                   .request("DELETE", "/api/client/account/two-factor",
                            nlohmann::json{{"password", s.t.password}}.dump(), headers)
                   .status == 204);
    BOOST_TEST(user_flag(s.t.user.id, "totp_enabled") == 0);
}

// Issue 8.22: a reload or a second tab during enrolment gets the secret already scanned; once the
// setup time is over, a new one, and the old one cannot be enabled any more (issue 8.12).
BOOST_AUTO_TEST_CASE(setup_returns_the_same_secret_until_the_setup_time_is_over) {
    auto s = pterodactyl_session(create_user());
    auto tab = pterodactyl_session(s.t);
    const auto first = s.client.get("/api/client/account/two-factor", s.write).json()["data"];
    const auto second = tab.client.get("/api/client/account/two-factor", tab.write).json()["data"];
    BOOST_TEST(first == second);
    BOOST_TEST(s.client.get("/api/client/account/two-factor", s.write).json()["data"] == first);

    const long long uid = static_cast<long long>(s.t.user.id);
    const int ttl = Stack::get().root().config().totp_setup_seconds;
    Stack::get().sql() << "UPDATE users SET totp_secret_set_at = UTC_TIMESTAMP() - INTERVAL :s "
                          "SECOND WHERE id = :id",
        soci::use(ttl + 5), soci::use(uid);
    const std::string old_secret = first["secret"];
    check(s.client.post_json(
              "/api/client/account/two-factor",
              {{"code", code_for(old_secret, now_step())}, {"password", s.t.password}}, s.write),
          400, "BadRequestHttpException",
          "The two-factor setup has expired; reload the page to scan a new QR code.");
    BOOST_TEST(user_flag(s.t.user.id, "totp_enabled") == 0);
    const auto renewed = tab.client.get("/api/client/account/two-factor", tab.write).json()["data"];
    BOOST_TEST(renewed["secret"] != first["secret"]);
    const std::string secret = renewed["secret"];
    BOOST_TEST(s.client
                   .post_json("/api/client/account/two-factor",
                              {{"code", code_for(secret, now_step())}, {"password", s.t.password}},
                              s.write)
                   .status == 200);
}

BOOST_AUTO_TEST_CASE(the_legacy_delete_takes_a_json_body_but_never_a_password_in_the_url) {
    auto s = pterodactyl_session(create_user());
    enable(s);
    const auto in_url = s.client.request(
        "DELETE", "/api/client/account/two-factor?password=" + s.t.password, "", s.write);
    BOOST_TEST(in_url.status == 400);
    BOOST_TEST(user_flag(s.t.user.id, "totp_enabled") == 1);
    Headers headers = s.write;
    headers.emplace_back("Content-Type", "application/json");
    const auto r = s.client.request("DELETE", "/api/client/account/two-factor",
                                    nlohmann::json{{"password", s.t.password}}.dump(), headers);
    BOOST_TEST(r.status == 204);
    BOOST_TEST(user_flag(s.t.user.id, "totp_enabled") == 0);
}

BOOST_AUTO_TEST_CASE(a_confirmation_token_dies_after_too_many_wrong_codes) {
    auto s = pterodactyl_session(create_user());
    const auto [secret, codes] = enable(s);
    const int allowed = Stack::get().root().config().checkpoint_max_failures;
    BOOST_REQUIRE(allowed < 5);  // scripts/test.sh keeps it under the checkpoint throttle
    const auto token = pending_token(s.t);
    auto browser = pterodactyl();
    for (int i = 0; i < allowed; ++i) {
        check(checkpoint(browser, {{"confirmation_token", token},
                                   {"recovery_token", "wrong-" + std::to_string(i)}}),
              400, "DisplayException", "The recovery token provided is not valid.");
    }
    check(checkpoint(browser, {{"confirmation_token", token}, {"recovery_token", codes[0]}}), 400,
          "DisplayException",
          "The authentication token provided has expired, please refresh the page and try again.");
    // The recovery code was not spent on the dead token, and a fresh sign-in takes it.
    BOOST_TEST(checkpoint(browser, {{"confirmation_token", pending_token(s.t)},
                                    {"recovery_token", codes[0]}})
                   .status == 200);
}

BOOST_AUTO_TEST_CASE(a_password_change_ends_sign_ins_waiting_at_the_checkpoint) {
    auto s = pterodactyl_session(create_user());
    const auto [secret, codes] = enable(s);
    const auto waiting = pending_token(s.t);
    const std::string fresh = "a new password for the test";
    auto headers = s.write;
    headers.emplace_back("Content-Type", "application/json");
    BOOST_REQUIRE_EQUAL(s.client
                            .request("PUT", "/api/client/account/password",
                                     nlohmann::json{{"current_password", s.t.password},
                                                    {"password", fresh},
                                                    {"password_confirmation", fresh}}
                                         .dump(),
                                     headers)
                            .status,
                        204);
    auto browser = pterodactyl();
    check(checkpoint(browser, {{"confirmation_token", waiting}, {"recovery_token", codes[0]}}), 400,
          "DisplayException",
          "The authentication token provided has expired, please refresh the page and try again.");
    BOOST_TEST(browser.get("/api/client/account").status == 401);
}

BOOST_AUTO_TEST_CASE(api_keys_cannot_manage_two_factor) {
    auto s = pterodactyl_session(create_user());
    const auto made =
        s.client.post_json("/api/client/account/api-keys", {{"description", "k"}}, s.write).json();
    const std::string key = made["attributes"]["identifier"].get<std::string>() +
                            made["meta"]["secret_token"].get<std::string>();
    const Headers bearer = {{"Authorization", "Bearer " + key}};
    auto api = pterodactyl();
    BOOST_TEST(api.get("/api/client/account/two-factor", bearer).status == 401);
    BOOST_TEST(api.post_json("/api/client/account/two-factor",
                             {{"code", "123456"}, {"password", s.t.password}}, bearer)
                   .status == 401);
    BOOST_TEST(api.post_json("/api/client/account/two-factor/disable", {{"password", s.t.password}},
                             bearer)
                   .status == 401);
    BOOST_TEST(
        api.request("DELETE", "/api/client/account/two-factor",
                    nlohmann::json{{"password", s.t.password}}.dump(),
                    {{"Authorization", "Bearer " + key}, {"Content-Type", "application/json"}})
            .status == 401);
    // The browser session still manages it, and the key kept its other powers.
    BOOST_TEST(s.client.get("/api/client/account/two-factor", s.write).status == 200);
    BOOST_TEST(api.get("/api/client/account", bearer).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
