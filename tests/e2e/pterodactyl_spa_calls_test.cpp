// The calls Pterodactyl's SPA makes (reference 15), sent as its axios client sends them, and the
// gaps reference 14.7 and 16 name: mandatory two-factor on every gated route, for cookies and
// keys alike; the checkpoint's recovery mode and its throttle; the invalid Bearer body.

#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

// What axios adds to every call, plus the XSRF header it copies from the cookie.
Headers axios(const Client& client) {
    return {{"X-Requested-With", "XMLHttpRequest"},
            {"Accept", "application/json"},
            {"X-XSRF-TOKEN", client.cookie("XSRF-TOKEN").value_or("")}};
}

std::string current_code(const std::string& secret) {
    return crypto::hotp(*crypto::base32_decode(secret),
                        static_cast<std::uint64_t>(crypto::totp_step(std::time(nullptr), 30)), 6);
}

// Signs in as login.ts does: the CSRF cookie first, then the form with its captcha field.
Client spa_sign_in(const TestUser& t) {
    auto client = pterodactyl();
    BOOST_REQUIRE_EQUAL(client.get("/sanctum/csrf-cookie", axios(client)).status, 204);
    const auto r = client.post_json(
        "/auth/login",
        {{"user", t.user.username}, {"password", t.password}, {"g-recaptcha-response", ""}},
        axios(client));
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_REQUIRE(r.json()["data"]["complete"] == true);
    BOOST_TEST(r.json()["data"]["intended"] == "/");
    return client;
}

void check_two_factor_required(const HttpResult& r, const std::string& what) {
    BOOST_TEST(r.status == 400, what << ": " << r.body);
    BOOST_TEST(r.json()["errors"][0]["code"] == "TwoFactorAuthRequiredException", what);
    BOOST_TEST(r.json()["errors"][0]["detail"] ==
                   "Two-factor authentication is required on this account in order to access "
                   "this endpoint.",
               what);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pterodactyl_spa_calls)

BOOST_AUTO_TEST_CASE(the_account_pages_work_as_the_frontend_calls_them) {
    const auto t = create_user();
    auto client = spa_sign_in(t);

    // createApiKey with an empty textarea, getApiKeys, deleteApiKey.
    const auto key =
        client.post_json("/api/client/account/api-keys",
                         {{"description", "my script"}, {"allowed_ips", {}}}, axios(client));
    BOOST_REQUIRE_EQUAL(key.status, 200);
    for (const char* field :
         {"identifier", "description", "allowed_ips", "created_at", "last_used_at"}) {
        BOOST_TEST(key.json()["attributes"].contains(field), field);
    }
    BOOST_TEST(key.json()["meta"]["secret_token"].get<std::string>().size() == 32u);
    const auto identifier = key.json()["attributes"]["identifier"].get<std::string>();
    BOOST_TEST(client.get("/api/client/account/api-keys", axios(client))
                   .json()["data"][0]["attributes"]["identifier"] == identifier);
    BOOST_TEST(
        client.request("DELETE", "/api/client/account/api-keys/" + identifier, "", axios(client))
            .status == 204);

    // getTwoFactorTokenData, enableAccountTwoFactor, disableAccountTwoFactor.
    const auto setup = client.get("/api/client/account/two-factor", axios(client));
    BOOST_REQUIRE_EQUAL(setup.status, 200);
    BOOST_TEST(
        setup.json()["data"]["image_url_data"].get<std::string>().starts_with("otpauth://totp/"));
    const auto secret = setup.json()["data"]["secret"].get<std::string>();
    const auto enabled =
        client.post_json("/api/client/account/two-factor",
                         {{"code", current_code(secret)}, {"password", t.password}}, axios(client));
    BOOST_REQUIRE_EQUAL(enabled.status, 200);
    BOOST_TEST(enabled.json()["object"] == "recovery_tokens");
    BOOST_TEST(enabled.json()["attributes"]["tokens"].size() == 10u);
    BOOST_TEST(client
                   .post_json("/api/client/account/two-factor/disable", {{"password", t.password}},
                              axios(client))
                   .status == 204);

    // useActivityLogs: page, sort and include[]=actor as the hook sends them.
    const auto log = client.get(
        "/api/client/account/activity?page=1&sort=-timestamp&include%5B%5D=actor", axios(client));
    BOOST_REQUIRE_EQUAL(log.status, 200);
    const auto body = log.json();
    const auto first = body["data"][0]["attributes"];
    for (const char* field : {"id", "batch", "event", "ip", "is_api", "description", "properties",
                              "has_additional_metadata", "timestamp", "relationships"}) {
        BOOST_TEST(first.contains(field), field);
    }
    BOOST_TEST(first["event"] == "user:two-factor.delete");
    const auto actor = first["relationships"]["actor"]["attributes"];
    for (const char* field : {"uuid", "username", "email", "image", "2fa_enabled", "created_at"})
        BOOST_TEST(actor.contains(field), field);
    BOOST_TEST(actor["username"] == t.user.username);
    const auto pagination = body["meta"]["pagination"];
    for (const char* field : {"total", "count", "per_page", "current_page", "total_pages"})
        BOOST_TEST(pagination.contains(field), field);
    BOOST_TEST(pagination["current_page"] == 1);
    BOOST_TEST(pagination["per_page"] == 25);
    // With #ip= in the location hash the hook adds filter[ip], which Pterodactyl refuses.
    const auto by_ip =
        client.get("/api/client/account/activity?page=1&sort=-timestamp&filter%5Bip%5D=127.0.0.1",
                   axios(client));
    BOOST_TEST(by_ip.status == 400);
    BOOST_TEST(by_ip.json()["errors"][0]["code"] == "InvalidFilterQuery");

    // updateAccountEmail, updateAccountPassword; the SPA then goes to the sign-in page.
    const auto email = unique_name("spa") + "@example.com";
    auto put_headers = axios(client);
    put_headers.emplace_back("Content-Type", "application/json");
    BOOST_TEST(client
                   .request("PUT", "/api/client/account/email",
                            nlohmann::json{{"email", email}, {"password", t.password}}.dump(),
                            put_headers)
                   .status == 204);
    const std::string fresh = "a brand new password";
    BOOST_TEST(client
                   .request("PUT", "/api/client/account/password",
                            nlohmann::json{{"current_password", t.password},
                                           {"password", fresh},
                                           {"password_confirmation", fresh}}
                                .dump(),
                            put_headers)
                   .status == 204);

    // The navigation bar's logout, after which the account is gone from this browser.
    BOOST_TEST(client.post_json("/auth/logout", nlohmann::json::object(), axios(client)).status ==
               204);
    BOOST_TEST(client.get("/api/client/account", axios(client)).status == 401);
    TestUser changed = t;
    changed.password = fresh;
    spa_sign_in(changed);
}

BOOST_AUTO_TEST_CASE(the_checkpoint_in_recovery_mode_sends_an_empty_code) {
    const auto t = create_user();
    auto client = spa_sign_in(t);
    const auto setup = client.get("/api/client/account/two-factor", axios(client));
    const auto secret = setup.json()["data"]["secret"].get<std::string>();
    const auto tokens =
        client
            .post_json("/api/client/account/two-factor",
                       {{"code", current_code(secret)}, {"password", t.password}}, axios(client))
            .json()["attributes"]["tokens"];
    auto browser = pterodactyl();
    const auto pending = browser.post_json(
        "/auth/login",
        {{"user", t.user.username}, {"password", t.password}, {"g-recaptcha-response", ""}},
        axios(browser));
    BOOST_REQUIRE(pending.json()["data"]["complete"] == false);
    const auto r =
        browser.post_json("/auth/login/checkpoint",
                          {{"confirmation_token", pending.json()["data"]["confirmation_token"]},
                           {"authentication_code", ""},
                           {"recovery_token", tokens[0]}},
                          axios(browser));
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json()["data"]["complete"] == true);
    BOOST_TEST(r.json()["data"]["intended"] == "/");
    BOOST_TEST(browser.get("/api/client/account", axios(browser)).status == 200);
}

BOOST_AUTO_TEST_CASE(checkpoint_guesses_are_throttled_per_account_even_with_new_tokens) {
    const auto t = create_user();
    auto client = spa_sign_in(t);
    const auto secret = client.get("/api/client/account/two-factor", axios(client))
                            .json()["data"]["secret"]
                            .get<std::string>();
    BOOST_REQUIRE_EQUAL(
        client
            .post_json("/api/client/account/two-factor",
                       {{"code", current_code(secret)}, {"password", t.password}}, axios(client))
            .status,
        200);
    auto browser = pterodactyl();
    const auto token = [&] {
        return browser
            .post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}})
            .json()["data"]["confirmation_token"]
            .get<std::string>();
    };
    // Five wrong codes, spread over fresh confirmation tokens.
    for (int i = 0; i < 5; ++i) {
        const auto r =
            browser.post_json("/auth/login/checkpoint",
                              {{"confirmation_token", token()}, {"authentication_code", "000000"}});
        BOOST_TEST(r.status == 400, r.body);
    }
    const auto locked = browser.post_json(
        "/auth/login/checkpoint",
        {{"confirmation_token", token()}, {"authentication_code", current_code(secret)}});
    BOOST_TEST(locked.status == 429, locked.body);
    BOOST_TEST(locked.json()["errors"][0]["code"] == "ValidationException");
    BOOST_TEST(!locked.header("retry-after").empty());
    BOOST_TEST(count_sessions(t.user.id) == 1);  // only the browser that enabled it
}

BOOST_AUTO_TEST_CASE(enabling_two_factor_before_setting_it_up_is_a_400) {
    const auto t = create_user();
    auto client = spa_sign_in(t);
    const auto r = client.post_json("/api/client/account/two-factor",
                                    {{"code", "123456"}, {"password", t.password}}, axios(client));
    BOOST_TEST(r.status == 400, r.body);
    BOOST_TEST(r.json()["errors"][0]["code"] == "BadRequestHttpException");
    BOOST_TEST(r.json()["errors"][0]["detail"] ==
               "Two-factor authentication has not been set up for this account.");
}

BOOST_AUTO_TEST_CASE(an_invalid_bearer_key_gets_the_fixed_401_body) {
    for (const std::string& value :
         {std::string("Bearer ptlc_") + std::string(43, 'x'), std::string("Bearer 1|abc"),
          std::string("Bearer "), std::string("Basic dXNlcjpwYXNz")}) {
        const auto r =
            pterodactyl().get("/api/client/account", {{"Authorization", value}, {"Accept", "*/*"}});
        BOOST_TEST(r.status == 401, value);
        BOOST_TEST(
            r.body ==
                R"({"errors":[{"code":"AuthenticationException","status":"401","detail":"Unauthenticated."}]})",
            value);
    }
}

BOOST_AUTO_TEST_CASE(mandatory_two_factor_gates_every_route_but_the_exempt_ones) {
    // A key made before the account became an admin: keys pass the same gate as sessions.
    const auto t = create_user();
    auto client = spa_sign_in(t);
    const auto made =
        client.post_json("/api/client/account/api-keys", {{"description", "k"}}, axios(client));
    const Headers bearer = {
        {"Authorization", "Bearer " + made.json()["attributes"]["identifier"].get<std::string>() +
                              made.json()["meta"]["secret_token"].get<std::string>()}};
    const long long id = static_cast<long long>(t.user.id);
    Stack::get().sql() << "UPDATE users SET root_admin = 1 WHERE id = :id", soci::use(id);

    for (const Headers& who : {axios(client), bearer}) {
        auto api = who.size() == 1 ? pterodactyl() : client;
        for (const char* path : {"/api/client/permissions", "/api/client/account/api-keys",
                                 "/api/client/account/ssh-keys", "/api/client/account/activity"}) {
            check_two_factor_required(api.get(path, who), path);
        }
        check_two_factor_required(
            api.post_json("/api/client/account/ssh-keys/remove", {{"fingerprint", "x"}}, who),
            "ssh-keys/remove");
        check_two_factor_required(
            api.request("DELETE", "/api/client/account/api-keys/ptlc_abcdefghijk", "", who),
            "api-keys delete");
        // Exempt: the account, and (for the browser; keys never reach them) the two-factor
        // routes, where the user goes to comply.
        BOOST_TEST(api.get("/api/client/account", who).status == 200);
    }
    BOOST_TEST(client.get("/api/client/account/two-factor", axios(client)).status == 200);
    BOOST_TEST(
        client.post_json("/api/client/account/two-factor", nlohmann::json::object(), axios(client))
            .status == 422);
    BOOST_TEST(client
                   .post_json("/api/client/account/two-factor/disable", {{"password", t.password}},
                              axios(client))
                   .status == 204);
}

BOOST_AUTO_TEST_SUITE_END()
