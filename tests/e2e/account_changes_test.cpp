// Changing one's e-mail and password: Pterodactyl (AccountControllerTest, reference 14.1) and
// Calagopus, over HTTP through nginx.

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

// A cookie-authenticated write as the SPA sends it: JSON body plus the XSRF header.
HttpResult ptero_put(Client& client, const std::string& path, const nlohmann::json& body) {
    return client.request("PUT", path, body.dump(),
                          {{"Content-Type", "application/json"},
                           {"X-XSRF-TOKEN", client.cookie("XSRF-TOKEN").value_or("")}});
}

HttpResult cala_put(Client& client, const std::string& path, const nlohmann::json& body) {
    return client.request("PUT", path, body.dump(),
                          {{"Content-Type", "application/json"}, {"Origin", client.base_url()}});
}

void check_validation(const HttpResult& r, const std::string& field, const std::string& rule,
                      const std::string& detail) {
    BOOST_TEST(r.status == 422, r.body);
    const auto error = r.json()["errors"][0];
    BOOST_TEST(error["code"] == "ValidationException");
    BOOST_TEST(error["meta"]["source_field"] == field);
    BOOST_TEST(error["meta"]["rule"] == rule);
    BOOST_TEST(error["detail"] == detail);
}

std::string stored_email(std::uint64_t id) {
    return Stack::get().root().users().find_by_id(id)->email;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pterodactyl_account_changes)

BOOST_AUTO_TEST_CASE(the_email_is_updated) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    const auto fresh = unique_name("new") + "@example.com";
    const auto r = ptero_put(client, "/api/client/account/email",
                             {{"email", fresh}, {"password", t.password}});
    BOOST_TEST(r.status == 204);
    BOOST_TEST(r.body.empty());
    BOOST_TEST(stored_email(t.user.id) == fresh);
    BOOST_TEST(client.get("/api/client/account").json()["attributes"]["email"] == fresh);
}

BOOST_AUTO_TEST_CASE(the_email_is_not_updated_with_a_wrong_password_even_when_invalid) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    for (const nlohmann::json& body :
         {nlohmann::json{{"email", unique_name("x") + "@example.com"},
                         {"password", "wrong password"}},
          nlohmann::json{{"email", "invalid"}, {"password", "wrong password"}},
          nlohmann::json{{"email", {{"not", "a string"}}}, {"password", "wrong password"}},
          nlohmann::json{{"email", unique_name("x") + "@example.com"}, {"password", 12345}},
          nlohmann::json{{"email", unique_name("x") + "@example.com"}}}) {
        const auto r = ptero_put(client, "/api/client/account/email", body);
        BOOST_TEST(r.status == 400);
        BOOST_TEST(r.json()["errors"][0]["code"] == "InvalidPasswordProvidedException");
        BOOST_TEST(r.json()["errors"][0]["detail"] ==
                   "The password provided was invalid for this account.");
    }
    BOOST_TEST(stored_email(t.user.id) == t.user.email);
}

BOOST_AUTO_TEST_CASE(a_field_of_the_wrong_type_is_named_only_after_the_right_password) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    const auto typed = ptero_put(client, "/api/client/account/email",
                                 {{"email", {1, 2}}, {"password", t.password}});
    check_validation(typed, "email", "string", "The email must be a string.");
    const auto typed_password = ptero_put(
        client, "/api/client/account/password",
        {{"current_password", t.password}, {"password", 5}, {"password_confirmation", 5}});
    BOOST_TEST(typed_password.json()["errors"][0]["meta"]["rule"] == "string");
    const auto wrong_then_typed =
        ptero_put(client, "/api/client/account/password",
                  {{"current_password", "wrong"}, {"password", 5}, {"password_confirmation", 5}});
    BOOST_TEST(wrong_then_typed.status == 400);
}

BOOST_AUTO_TEST_CASE(password_guesses_through_a_key_are_throttled_like_sign_ins) {
    // A stolen key must not guess the account's password faster than the sign-in form allows.
    auto s = pterodactyl_session(create_user());
    const auto made =
        s.client.post_json("/api/client/account/api-keys", {{"description", "k"}}, s.write).json();
    const Headers bearer = {
        {"Authorization", "Bearer " + made["attributes"]["identifier"].get<std::string>() +
                              made["meta"]["secret_token"].get<std::string>()}};
    auto api = pterodactyl();
    const auto put = [&](const nlohmann::json& body) {
        auto headers = bearer;
        headers.emplace_back("Content-Type", "application/json");
        return api.request("PUT", "/api/client/account/email", body.dump(), headers);
    };
    const auto fresh = unique_name("k") + "@example.com";
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(put({{"email", fresh}, {"password", "guess " + std::to_string(i)}}).status ==
                   400);
    const auto locked = put({{"email", fresh}, {"password", s.t.password}});
    BOOST_TEST(locked.status == 429, locked.body);
    BOOST_TEST(!locked.header("retry-after").empty());
    BOOST_TEST(stored_email(s.t.user.id) == s.t.user.email);
    // Signing in is counted apart, so the owner is not locked out of the account itself.
    BOOST_TEST(
        pterodactyl()
            .post_json("/auth/login", {{"user", s.t.user.username}, {"password", s.t.password}})
            .status == 200);
}

BOOST_AUTO_TEST_CASE(invalid_or_taken_emails_are_rejected) {
    const auto t = create_user();
    const auto other = create_user();
    auto client = pterodactyl_signed_in(t);
    check_validation(
        ptero_put(client, "/api/client/account/email", {{"email", ""}, {"password", t.password}}),
        "email", "required", "The email field is required.");
    check_validation(ptero_put(client, "/api/client/account/email",
                               {{"email", "invalid"}, {"password", t.password}}),
                     "email", "email", "The email must be a valid email address.");
    check_validation(
        ptero_put(client, "/api/client/account/email",
                  {{"email", std::string(190, 'a') + "@example.com"}, {"password", t.password}}),
        "email", "between", "The email must be between 1 and 191 characters.");
    check_validation(ptero_put(client, "/api/client/account/email",
                               {{"email", other.user.email}, {"password", t.password}}),
                     "email", "unique", "The email has already been taken.");
    check_validation(
        ptero_put(client, "/api/client/account/email", {{"email", 5}, {"password", t.password}}),
        "email", "string", "The email must be a string.");
    BOOST_TEST(stored_email(t.user.id) == t.user.email);
}

BOOST_AUTO_TEST_CASE(the_password_is_updated_and_other_sessions_end) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    auto elsewhere = pterodactyl_signed_in(t);
    const std::string fresh = "New_Password1 long enough";
    const auto r = ptero_put(
        client, "/api/client/account/password",
        {{"current_password", t.password}, {"password", fresh}, {"password_confirmation", fresh}});
    BOOST_TEST(r.status == 204, r.body);
    BOOST_TEST(client.get("/api/client/account").status == 200);     // this session stays
    BOOST_TEST(elsewhere.get("/api/client/account").status == 401);  // every other one ends
    BOOST_TEST(pterodactyl()
                   .post_json("/auth/login", {{"user", t.user.username}, {"password", fresh}})
                   .status == 200);
    BOOST_TEST(pterodactyl()
                   .post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}})
                   .status == 400);
    BOOST_TEST(Stack::get().root().users().find_by_id(t.user.id)->password_hash->starts_with(
        "$argon2id$"));
}

BOOST_AUTO_TEST_CASE(a_wrong_current_password_is_400) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    const auto r = ptero_put(client, "/api/client/account/password",
                             {{"current_password", "not the password"},
                              {"password", "another long password"},
                              {"password_confirmation", "another long password"}});
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.json()["errors"][0]["code"] == "InvalidPasswordProvidedException");
    BOOST_TEST(r.json()["errors"][0]["detail"] ==
               "The password provided was invalid for this account.");
}

BOOST_AUTO_TEST_CASE(invalid_new_passwords_are_422) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    const std::string path = "/api/client/account/password";
    check_validation(ptero_put(client, path, {{"current_password", t.password}}), "password",
                     "required", "The password field is required.");
    check_validation(ptero_put(client, path,
                               {{"current_password", t.password},
                                {"password", "pass"},
                                {"password_confirmation", "pass"}}),
                     "password", "min", "The password must be at least 12 characters.");
    check_validation(ptero_put(client, path,
                               {{"current_password", t.password},
                                {"password", std::string(129, 'p')},
                                {"password_confirmation", std::string(129, 'p')}}),
                     "password", "max", "The password may not be greater than 128 characters.");
    check_validation(ptero_put(client, path,
                               {{"current_password", t.password},
                                {"password", "a long new password"},
                                {"password_confirmation", "a different password"}}),
                     "password", "confirmed", "The password confirmation does not match.");
    // Guessable (NIST 800-63B): a dictionary word dressed up, a keyboard run, the user's name.
    for (const std::string& weak : {std::string("International2024"), std::string("qwertyuiop123"),
                                    t.user.username + "-2024!"}) {
        check_validation(
            ptero_put(client, path,
                      {{"current_password", t.password},
                       {"password", weak},
                       {"password_confirmation", weak}}),
            "password", "",
            "The password is too easy to guess (a common password, a word, a pattern or your "
            "name). Please choose a different password.");
    }
    // Short and unconfirmed: both rules are reported, confirmed first, as Laravel orders them.
    const auto both = ptero_put(client, path,
                                {{"current_password", t.password},
                                 {"password", "short"},
                                 {"password_confirmation", "other"}});
    check_validation(both, "password", "confirmed", "The password confirmation does not match.");
    BOOST_TEST(both.json()["errors"].size() == 2u);
    BOOST_TEST(both.json()["errors"][1]["meta"]["rule"] == "min");
    BOOST_TEST(both.json()["errors"][1]["meta"]["source_field"] == "password");
    // A body of [] is Laravel's "no input": the fields are missing, not the JSON malformed.
    const auto empty_list =
        client.request("PUT", path, "[]",
                       {{"Content-Type", "application/json"},
                        {"X-XSRF-TOKEN", client.cookie("XSRF-TOKEN").value_or("")}});
    BOOST_TEST(empty_list.status == 400);
    BOOST_TEST(empty_list.json()["errors"][0]["code"] == "InvalidPasswordProvidedException");
    BOOST_TEST(pterodactyl()
                   .post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}})
                   .status == 200);
}

BOOST_AUTO_TEST_CASE(changes_need_the_xsrf_header_and_a_session) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    const auto no_xsrf =
        client.request("PUT", "/api/client/account/email",
                       nlohmann::json{{"email", "x@example.com"}, {"password", t.password}}.dump(),
                       {{"Content-Type", "application/json"}});
    BOOST_TEST(no_xsrf.status == 419);
    BOOST_TEST(pterodactyl()
                   .request("PUT", "/api/client/account/password", "{}",
                            {{"Content-Type", "application/json"}})
                   .status == 401);
    BOOST_TEST(stored_email(t.user.id) == t.user.email);
}

BOOST_AUTO_TEST_CASE(an_admin_without_two_factor_is_sent_to_enable_it_first) {
    const auto admin = create_user(true);
    auto client = pterodactyl_signed_in(admin);
    BOOST_TEST(client.get("/api/client/account").status == 200);  // exempt, so the SPA can say why
    const auto r =
        ptero_put(client, "/api/client/account/email",
                  {{"email", unique_name("a") + "@example.com"}, {"password", admin.password}});
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.json()["errors"][0]["code"] == "TwoFactorAuthRequiredException");
}

BOOST_AUTO_TEST_CASE(a_suspended_account_cannot_change_anything) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    suspend(t.user.id);
    const auto r =
        ptero_put(client, "/api/client/account/email",
                  {{"email", unique_name("s") + "@example.com"}, {"password", t.password}});
    BOOST_TEST(r.status == 403);
    BOOST_TEST(stored_email(t.user.id) == t.user.email);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(calagopus_account_changes)

BOOST_AUTO_TEST_CASE(the_email_is_updated_and_errors_use_calagopus_codes) {
    const auto t = create_user();
    const auto other = create_user();
    auto client = calagopus_signed_in(t);
    const std::string path = "/api/client/account/email";
    auto r = cala_put(client, path, {{"email", "nope"}, {"password", t.password}});
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.json()["errors"][0] == "email: not a valid email: invalid format");
    r = cala_put(client, path,
                 {{"email", unique_name("c") + "@example.com"}, {"password", "wrong password"}});
    BOOST_TEST(r.status == 403);
    BOOST_TEST(r.json()["errors"][0] == "invalid password");
    r = cala_put(client, path, {{"email", other.user.email}, {"password", t.password}});
    BOOST_TEST(r.status == 409);
    BOOST_TEST(r.json()["errors"][0] == "email already in use");
    r = cala_put(client, path, {{"password", t.password}});
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.json()["errors"][0] == "invalid payload: missing field `email`");
    const auto fresh = unique_name("c") + "@example.com";
    r = cala_put(client, path, {{"email", fresh}, {"password", t.password}});
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.json() == nlohmann::json::object());
    BOOST_TEST(client.get("/api/client/account").json()["user"]["email"] == fresh);
}

BOOST_AUTO_TEST_CASE(the_password_is_updated_and_other_sessions_end) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    auto elsewhere = calagopus_signed_in(t);
    const std::string path = "/api/client/account/password";
    auto r = cala_put(client, path, {{"password", t.password}, {"new_password", "short"}});
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.json()["errors"][0] == "new_password: length is lower than 12");
    r = cala_put(client, path, {{"password", t.password}, {"new_password", "qwertyuiop123"}});
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.json()["errors"][0] ==
               "new_password: too easy to guess (a common password, a word, a pattern or a name)");
    r = cala_put(client, path,
                 {{"password", "wrong password"}, {"new_password", "a long new password"}});
    BOOST_TEST(r.status == 403);
    r = cala_put(client, path, {{"password", t.password}, {"new_password", "a long new password"}});
    BOOST_TEST(r.status == 200);
    BOOST_TEST(client.get("/api/client/account").status == 200);
    BOOST_TEST(elsewhere.get("/api/client/account").status == 401);
    BOOST_TEST(calagopus()
                   .post_json("/api/auth/login",
                              {{"user", t.user.username}, {"password", "a long new password"}})
                   .status == 200);
}

BOOST_AUTO_TEST_CASE(changes_from_another_site_are_refused) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto r =
        client.request("PUT", "/api/client/account/email",
                       nlohmann::json{{"email", "x@example.com"}, {"password", t.password}}.dump(),
                       {{"Content-Type", "application/json"}, {"Origin", "https://evil.example"}});
    BOOST_TEST(r.status == 403);
    BOOST_TEST(stored_email(t.user.id) == t.user.email);
}

// The own host under another scheme or port is another site (before: any scheme and port of
// the request's host passed).
BOOST_AUTO_TEST_CASE(the_same_host_on_another_port_or_scheme_is_another_site) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const std::string base = client.base_url();  // http://127.0.0.1:<port>
    const std::string host =
        base.substr(base.find("://") + 3, base.rfind(':') - base.find("://") - 3);
    const auto body = nlohmann::json{{"email", "x@example.com"}, {"password", t.password}}.dump();
    for (const std::string& origin :
         {"http://" + host + ":1", "https://" + host + base.substr(base.rfind(':')),
          "http://" + host}) {
        const auto r = client.request("PUT", "/api/client/account/email", body,
                                      {{"Content-Type", "application/json"}, {"Origin", origin}});
        BOOST_TEST(r.status == 403, origin);
        BOOST_TEST(r.json()["errors"].is_array(), origin);
    }
    BOOST_TEST(stored_email(t.user.id) == t.user.email);
}

// A cross-site form can only be form-encoded or text: a cookie write to a route that reads a
// body must say JSON even when the body is empty.
BOOST_AUTO_TEST_CASE(a_cookie_write_that_takes_a_body_must_say_json) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    // Before: an empty body was `{}` whatever its type, and reached the field checks.
    auto r = client.request(
        "PUT", "/api/client/account/email", "",
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", client.base_url()}});
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.json()["errors"][0] == "invalid payload: unsupported content type");
    r = client.request("PUT", "/api/client/account/email", "", same_origin(client));
    BOOST_TEST(r.json()["errors"][0] == "invalid payload: missing content type header");

    auto pterodactyl_browser = pterodactyl_session(create_user());
    Headers form = pterodactyl_browser.write;
    form.emplace_back("Content-Type", "text/plain");
    r = pterodactyl_browser.client.request("POST", "/api/client/account/api-keys", "", form);
    BOOST_TEST(r.status == 415);
    BOOST_TEST(r.json()["errors"][0]["code"] == "UnsupportedMediaTypeHttpException");
}

BOOST_AUTO_TEST_SUITE_END()
