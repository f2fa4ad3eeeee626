// Pterodactyl dialect over HTTP through nginx: /auth/login, /api/client/account, /auth/logout.

#include <crypt.h>

#include <fstream>
#include <memory>

#include "db/mysql_user_repository.hpp"
#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

void check_error(const HttpResult& r, int status, const std::string& code,
                 const std::string& detail = "") {
    BOOST_TEST(r.status == status);
    BOOST_TEST(r.header("content-type").starts_with("application/json"));
    const auto body = r.json();
    BOOST_REQUIRE(body.contains("errors"));
    BOOST_TEST(body["errors"][0]["code"] == code);
    BOOST_TEST(body["errors"][0]["status"] == std::to_string(status));
    if (!detail.empty()) BOOST_TEST(body["errors"][0]["detail"] == detail);
}

Headers xsrf(const Client& client) {
    return {{"X-XSRF-TOKEN", client.cookie("XSRF-TOKEN").value_or("")}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pterodactyl_sign_in)

BOOST_AUTO_TEST_CASE(login_with_username_returns_the_user_and_sets_session_and_xsrf_cookies) {
    const auto t = create_user();
    auto client = pterodactyl();
    const auto r =
        client.post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}});
    BOOST_TEST(r.status == 200);
    const auto data = r.json()["data"];
    BOOST_TEST(data["complete"] == true);
    BOOST_TEST(data["intended"] == "/");
    BOOST_TEST(data["user"]["username"] == t.user.username);
    BOOST_TEST(data["user"]["uuid"] == t.user.uuid);
    BOOST_TEST(data["user"]["root_admin"] == false);
    BOOST_TEST(data["user"]["use_totp"] == false);
    BOOST_TEST(data["user"]["created_at"].get<std::string>().ends_with(".000000Z"));
    const auto ordered = nlohmann::ordered_json::parse(r.body);
    std::vector<std::string> keys;
    for (const auto& [k, v] : ordered["data"]["user"].items())
        keys.push_back(k);
    BOOST_TEST((keys == std::vector<std::string>{"uuid", "username", "email", "name_first",
                                                 "name_last", "language", "root_admin", "use_totp",
                                                 "gravatar", "created_at", "updated_at"}));
    BOOST_TEST(data["user"]["email"] == t.user.email);
    BOOST_TEST(data["user"]["updated_at"].get<std::string>().ends_with(".000000Z"));
    const auto session = r.set_cookie("pterodactyl_session");
    BOOST_TEST(session.find("HttpOnly") != std::string::npos);
    BOOST_TEST(session.find("SameSite=Lax") != std::string::npos);
    BOOST_TEST(session.find("Path=/") != std::string::npos);
    const auto xsrf_cookie = r.set_cookie("XSRF-TOKEN");
    BOOST_TEST(!xsrf_cookie.empty());
    BOOST_TEST(xsrf_cookie.find("HttpOnly") == std::string::npos);
    BOOST_TEST(client.cookie("pterodactyl_session")->size() >= 43u);  // >= 256 bits
    BOOST_TEST(r.header("cache-control") == "no-store");
    BOOST_TEST(r.header("x-content-type-options") == "nosniff");
}

BOOST_AUTO_TEST_CASE(login_with_email_in_any_case_works) {
    const auto t = create_user();
    std::string email = t.user.email;
    for (char& c : email)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto client = pterodactyl();
    BOOST_TEST(
        client.post_json("/auth/login", {{"user", email}, {"password", t.password}}).status == 200);
}

BOOST_AUTO_TEST_CASE(the_account_reads_back_as_pterodactyl_attributes_in_order) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    const auto r = client.get("/api/client/account");
    BOOST_TEST(r.status == 200);
    const auto body = nlohmann::ordered_json::parse(r.body);
    BOOST_TEST(body["object"] == "user");
    std::vector<std::string> keys;
    for (const auto& [k, v] : body["attributes"].items())
        keys.push_back(k);
    BOOST_TEST((keys == std::vector<std::string>{"id", "admin", "username", "email", "first_name",
                                                 "last_name", "language"}));
    BOOST_TEST(body["attributes"]["id"] == t.user.id);
    BOOST_TEST(body["attributes"]["email"] == t.user.email);
    BOOST_TEST(body["attributes"]["admin"] == false);
    BOOST_TEST(body["attributes"]["username"] == t.user.username);
    BOOST_TEST(body["attributes"]["first_name"] == t.user.name_first);
    BOOST_TEST(body["attributes"]["last_name"] == t.user.name_last);
    BOOST_TEST(body["attributes"]["language"] == t.user.language);
    // Trailing slashes are ignored, as in Laravel.
    BOOST_TEST(client.get("/api/client/account/").status == 200);
}

BOOST_AUTO_TEST_CASE(unknown_user_wrong_password_and_suspended_account_get_the_same_answer) {
    const auto t = create_user();
    const auto s = create_user();
    suspend(s.user.id);
    const auto wrong = pterodactyl().post_json(
        "/auth/login", {{"user", t.user.username}, {"password", "not it at all"}});
    const auto unknown = pterodactyl().post_json(
        "/auth/login", {{"user", unique_name("ghost")}, {"password", "whatever it is"}});
    const auto suspended = pterodactyl().post_json(
        "/auth/login", {{"user", s.user.username}, {"password", s.password}});
    check_error(wrong, 400, "DisplayException",
                "No account matching those credentials could be found.");
    BOOST_TEST(unknown.status == wrong.status);
    BOOST_TEST(unknown.body == wrong.body);
    BOOST_TEST(suspended.status == wrong.status);
    BOOST_TEST(suspended.body == wrong.body);
    BOOST_TEST(wrong.set_cookie("pterodactyl_session").empty());
    BOOST_TEST(count_sessions(s.user.id) == 0);
}

BOOST_AUTO_TEST_CASE(missing_fields_fail_like_wrong_credentials_and_wrong_types_are_422) {
    check_error(pterodactyl().post_json("/auth/login", nlohmann::json::object()), 400,
                "DisplayException");
    const auto r = pterodactyl().post_json("/auth/login", {{"user", 12}, {"password", "x"}});
    check_error(r, 422, "ValidationException", "The user must be a string.");
    BOOST_TEST(r.json()["errors"][0]["meta"]["source_field"] == "user");
    BOOST_TEST(r.json()["errors"][0]["meta"]["rule"] == "string");
    check_error(pterodactyl().post_json("/auth/login", {{"user", "a"}, {"password", {1, 2}}}), 422,
                "ValidationException", "The password must be a string.");
}

BOOST_AUTO_TEST_CASE(malformed_json_and_non_json_bodies_are_refused) {
    auto client = pterodactyl();
    check_error(
        client.request("POST", "/auth/login", "{\"user\":", {{"Content-Type", "application/json"}}),
        400, "BadRequestHttpException",
        "The JSON data passed in the request appears to be malformed: Syntax error");
    check_error(
        client.request("POST", "/auth/login", "[1]", {{"Content-Type", "application/json"}}), 400,
        "BadRequestHttpException");
    check_error(client.request("POST", "/auth/login", "user=a&password=b",
                               {{"Content-Type", "application/x-www-form-urlencoded"}}),
                415, "UnsupportedMediaTypeHttpException");
}

BOOST_AUTO_TEST_CASE(reading_the_account_without_or_with_a_bad_session_is_401) {
    check_error(pterodactyl().get("/api/client/account"), 401, "AuthenticationException",
                "Unauthenticated.");
    auto client = pterodactyl();
    client.set_cookie("pterodactyl_session", std::string(48, 'A'));
    check_error(client.get("/api/client/account"), 401, "AuthenticationException");
    check_error(pterodactyl().get(
                    "/api/client/account",
                    {{"Authorization", "Bearer ptlc_notakeyatall000000000000000000000000000000"}}),
                401, "AuthenticationException");
}

BOOST_AUTO_TEST_CASE(an_expired_session_is_401_and_deleted) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    expire_sessions(t.user.id);
    check_error(client.get("/api/client/account"), 401, "AuthenticationException");
    BOOST_TEST(count_sessions(t.user.id) == 0);
}

BOOST_AUTO_TEST_CASE(an_idle_session_is_401) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    idle_sessions(t.user.id);
    check_error(client.get("/api/client/account"), 401, "AuthenticationException");
}

BOOST_AUTO_TEST_CASE(a_revoked_session_is_401_on_every_worker) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    BOOST_TEST(client.get("/api/client/account").status == 200);
    const long long id = static_cast<long long>(t.user.id);
    Stack::get().sql() << "DELETE FROM sessions WHERE user_id = :id", soci::use(id);
    // Several requests, so that more than one worker answers: none may still know the session.
    for (int i = 0; i < 6; ++i)
        check_error(client.get("/api/client/account"), 401, "AuthenticationException");
}

BOOST_AUTO_TEST_CASE(logout_needs_the_xsrf_header_and_then_ends_the_session) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    check_error(client.request("POST", "/auth/logout"), 419, "HttpException",
                "CSRF token mismatch.");
    check_error(client.request("POST", "/auth/logout", "", {{"X-XSRF-TOKEN", "forged"}}), 419,
                "HttpException");
    BOOST_TEST(client.get("/api/client/account").status == 200);
    const auto r = client.request("POST", "/auth/logout", "", xsrf(client));
    BOOST_TEST(r.status == 204);
    BOOST_TEST(r.body.empty());
    BOOST_TEST(r.set_cookie("pterodactyl_session").find("Max-Age=0") != std::string::npos);
    BOOST_TEST(count_sessions(t.user.id) == 0);
}

BOOST_AUTO_TEST_CASE(a_logged_out_session_cookie_no_longer_works) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    const auto token = *client.cookie("pterodactyl_session");
    const auto header = xsrf(client);
    BOOST_TEST(client.request("POST", "/auth/logout", "", header).status == 204);
    auto replay = pterodactyl();
    replay.set_cookie("pterodactyl_session", token);
    check_error(replay.get("/api/client/account"), 401, "AuthenticationException");
    check_error(replay.request("POST", "/auth/logout", "", header), 401, "AuthenticationException");
}

BOOST_AUTO_TEST_CASE(one_sessions_xsrf_token_does_not_work_for_another) {
    const auto t = create_user();
    auto first = pterodactyl_signed_in(t);
    auto second = pterodactyl_signed_in(t);
    check_error(second.request("POST", "/auth/logout", "", xsrf(first)), 419, "HttpException");
}

BOOST_AUTO_TEST_CASE(last_used_is_not_written_on_every_request) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    const long long id = static_cast<long long>(t.user.id);
    Stack::get().sql() << "UPDATE sessions SET last_used_at = UTC_TIMESTAMP() - INTERVAL 10 SECOND "
                          "WHERE user_id = :id",
        soci::use(id);
    std::tm before{};
    Stack::get().sql() << "SELECT last_used_at FROM sessions WHERE user_id = :id", soci::use(id),
        soci::into(before);
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(client.get("/api/client/account").status == 200);
    std::tm after{};
    Stack::get().sql() << "SELECT last_used_at FROM sessions WHERE user_id = :id", soci::use(id),
        soci::into(after);
    BOOST_TEST(timegm(&before) == timegm(&after));
    // Older than the touch interval: the next request writes it.
    Stack::get().sql() << "UPDATE sessions SET last_used_at = UTC_TIMESTAMP() - INTERVAL 120 "
                          "SECOND WHERE user_id = :id",
        soci::use(id);
    BOOST_TEST(client.get("/api/client/account").status == 200);
    int age = -1;
    Stack::get().sql() << "SELECT TIMESTAMPDIFF(SECOND, last_used_at, UTC_TIMESTAMP()) FROM "
                          "sessions WHERE user_id = :id",
        soci::use(id), soci::into(age);
    BOOST_TEST(age < 30);
}

BOOST_AUTO_TEST_CASE(oversize_bodies_get_413_in_the_pterodactyl_envelope) {
    const std::string big(100 * 1024, 'a');
    check_error(
        pterodactyl().request("POST", "/auth/login", big, {{"Content-Type", "application/json"}}),
        413, "PostTooLargeException");
    const std::string huge(2 * 1024 * 1024, 'a');
    check_error(pterodactyl().request("POST", "/api/client/account", huge,
                                      {{"Content-Type", "application/json"}}),
                413, "PostTooLargeException");
}

BOOST_AUTO_TEST_CASE(unknown_routes_are_404_and_wrong_methods_405_as_json) {
    check_error(pterodactyl().get("/api/client/nothing-here"), 404, "NotFoundHttpException",
                "The route api/client/nothing-here could not be found.");
    const auto r = pterodactyl().request("DELETE", "/api/client/account");
    check_error(r, 405, "MethodNotAllowedHttpException",
                "The DELETE method is not supported for route api/client/account. Supported "
                "methods: GET, HEAD.");
    BOOST_TEST(r.header("allow") == "GET, HEAD");
}

BOOST_AUTO_TEST_CASE(a_bcrypt_account_imported_from_pterodactyl_signs_in_and_is_rehashed) {
    auto& root = Stack::get().root();
    services::User u;
    crypto::OsRandom random;
    u.uuid = crypto::random_uuid_v4(random);
    u.username = unique_name("imported");
    u.email = u.username + "@example.com";
    std::ifstream data(require_env("ACCOUNTD_TEST_DATA") + "/php_password_hashes.txt");
    for (std::string line; std::getline(data, line);) {
        if (line.starts_with("bcrypt_2y ")) u.password_hash = line.substr(10);
    }
    u.created_at = root.clock().now();
    u.updated_at = u.created_at;
    const auto id = root.users().insert(u);
    auto client = pterodactyl();
    BOOST_TEST(client
                   .post_json("/auth/login",
                              {{"user", u.username}, {"password", "correct horse battery staple"}})
                   .status == 200);
    BOOST_TEST(root.users().find_by_id(id)->password_hash->starts_with("$argon2id$"));
    BOOST_TEST(pterodactyl()
                   .post_json("/auth/login",
                              {{"user", u.username}, {"password", "correct horse battery staple"}})
                   .status == 200);
}

// Issue 8.21: "é" set as one code point signs in typed as "e" + a combining acute accent, and
// the other way round.
BOOST_AUTO_TEST_CASE(a_password_signs_in_whichever_unicode_form_it_is_typed_in) {
    const std::string composed = "caf\xc3\xa9 au lait, s'il vous pla\xc3\xaet";
    const std::string decomposed = "cafe\xcc\x81 au lait, s'il vous plai\xcc\x82t";
    const auto name = unique_name("nfkc");
    const auto user = Stack::get().root().user_service().create(
        {name, name + "@example.com", "Test", "User", composed, false});
    const auto sign_in = [&](const std::string& password) {
        return pterodactyl().post_json("/auth/login", {{"user", name}, {"password", password}});
    };
    BOOST_TEST(sign_in(decomposed).status == 200);
    BOOST_TEST(sign_in(composed).status == 200);

    // A hash made before normalisation (here bcrypt, as imported) holds the bytes as typed then:
    // they still sign in, and the rehash makes the other form work too.
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    BOOST_REQUIRE(crypt_gensalt_rn("$2y$", 4, nullptr, 0, setting, sizeof setting) != nullptr);
    auto data = std::make_unique<crypt_data>();
    const std::string raw_hash =
        crypt_rn(decomposed.c_str(), setting, data.get(), sizeof(crypt_data));
    const long long uid = static_cast<long long>(user.id);
    Stack::get().sql() << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(raw_hash),
        soci::use(uid);
    BOOST_TEST(sign_in(composed).status != 200);  // the raw bytes differ: nothing to go on yet
    BOOST_TEST(sign_in(decomposed).status == 200);
    BOOST_TEST(
        Stack::get().root().users().find_by_id(user.id)->password_hash->starts_with("$argon2id$"));
    BOOST_TEST(sign_in(composed).status == 200);
}

BOOST_AUTO_TEST_CASE(an_account_with_two_factor_is_not_let_in_on_its_password_alone) {
    const auto t = create_user();
    const long long id = static_cast<long long>(t.user.id);
    Stack::get().sql() << "UPDATE users SET totp_enabled = 1 WHERE id = :id", soci::use(id);
    auto client = pterodactyl();
    const auto r =
        client.post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}});
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.json()["data"]["complete"] == false);
    BOOST_TEST(r.json()["data"]["confirmation_token"].get<std::string>().size() == 64u);
    BOOST_TEST(r.set_cookie("pterodactyl_session").empty());
    BOOST_TEST(count_sessions(t.user.id) == 0);
    // Calagopus and EcliPanel ask for the second factor too.
    const auto cala = calagopus().post_json("/api/auth/login",
                                            {{"user", t.user.username}, {"password", t.password}});
    BOOST_TEST(cala.status == 200);
    BOOST_TEST(cala.json()["type"] == "two_factor_required");
    BOOST_TEST(cala.set_cookie("calagopus_session").empty());
    BOOST_TEST(count_sessions(t.user.id) == 0);
    const auto ecli = eclipanel().post_json("/api/auth/login",
                                            {{"email", t.user.email}, {"password", t.password}});
    BOOST_TEST(ecli.status == 200);
    BOOST_TEST(ecli.json()["twoFactorRequired"] == true);
    BOOST_TEST(ecli.set_cookie("token").empty());
    BOOST_TEST(count_sessions(t.user.id) == 0);
}

BOOST_AUTO_TEST_CASE(the_csrf_cookie_route_answers_204) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    const auto r = client.get("/sanctum/csrf-cookie");
    BOOST_TEST(r.status == 204);
    BOOST_TEST(!r.set_cookie("XSRF-TOKEN").empty());
    BOOST_TEST(pterodactyl().get("/sanctum/csrf-cookie").status == 204);
}

// Reference 7.1: Sanctum's route starts a session for a visitor and sets both cookies, so the
// SPA's sign-in carries X-XSRF-TOKEN (before: 204 with no cookie at all).
BOOST_AUTO_TEST_CASE(the_csrf_cookie_route_gives_a_visitor_a_session_and_xsrf_cookie) {
    auto client = pterodactyl();
    auto r = client.get("/sanctum/csrf-cookie");
    BOOST_TEST(r.status == 204);
    const auto guest = client.cookie("pterodactyl_session");
    const auto xsrf = client.cookie("XSRF-TOKEN");
    BOOST_REQUIRE(guest.has_value());
    BOOST_REQUIRE(xsrf.has_value());
    BOOST_TEST(guest->size() == 40u);
    BOOST_TEST(!xsrf->empty());
    BOOST_TEST(r.set_cookie("pterodactyl_session").find("HttpOnly") != std::string::npos);
    BOOST_TEST(r.set_cookie("XSRF-TOKEN").find("HttpOnly") == std::string::npos);
    // Asked again, the visitor keeps its session and token.
    r = client.get("/sanctum/csrf-cookie");
    BOOST_TEST((client.cookie("pterodactyl_session") == guest));
    BOOST_TEST((client.cookie("XSRF-TOKEN") == xsrf));
    // A guest session authenticates nothing.
    BOOST_TEST(client.get("/api/client/account").status == 401);
    // Signing in replaces it with a real session and that session's XSRF token.
    const auto t = create_user();
    r = client.post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}},
                         {{"X-XSRF-TOKEN", *xsrf}});
    BOOST_TEST(r.status == 200);
    BOOST_TEST((client.cookie("pterodactyl_session") != guest));
    BOOST_TEST((client.cookie("XSRF-TOKEN") != xsrf));
    BOOST_TEST(client.get("/api/client/account").status == 200);
}

// The test stack has accountd render the SPA's pages (pterodactyl_spa_shell_test.cpp); the
// sign-in page is one, not a login call.
BOOST_AUTO_TEST_CASE(get_on_the_login_page_is_the_spa_page_not_a_login) {
    const auto r = pterodactyl().get("/auth/login");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("content-type") == "text/html; charset=utf-8");
    BOOST_TEST(r.body.find("window.SiteConfiguration") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
