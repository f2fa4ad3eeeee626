// EcliPanel dialect over HTTP through nginx: /api/auth/*, /api/users/me, /api/sessions/logout.

#include "crypto/encoding.hpp"
#include "crypto/jwt.hpp"
#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

struct SignedIn {
    Client client;
    std::string token;
    std::string session_id;
};

SignedIn signed_in(const TestUser& t) {
    auto client = eclipanel();
    const auto r =
        client.post_json("/api/auth/login", {{"email", t.user.email}, {"password", t.password}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    const std::string token = r.json()["token"];
    const auto payload = crypto::base64url_decode(
        token.substr(token.find('.') + 1, token.rfind('.') - token.find('.') - 1));
    return {client, token, nlohmann::json::parse(*payload)["sessionId"]};
}

Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

void check_error(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status);
    BOOST_TEST(r.header("content-type").starts_with("application/json"));
    BOOST_TEST(r.json() == nlohmann::json({{"error", message}}), r.body);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(eclipanel_sign_in)

BOOST_AUTO_TEST_CASE(login_returns_a_jwt_naming_a_session_and_sets_the_token_cookie) {
    const auto t = create_user();
    auto client = eclipanel();
    const auto r =
        client.post_json("/api/auth/login", {{"email", t.user.email}, {"password", t.password}});
    BOOST_TEST(r.status == 200);
    const auto body = r.json();
    BOOST_TEST(body["csrfToken"].get<std::string>().size() == 64u);
    const std::string token = body["token"];
    BOOST_TEST(std::count(token.begin(), token.end(), '.') == 2);
    BOOST_TEST(client.cookie("token").value() == token);
    BOOST_TEST(r.set_cookie("token").find("HttpOnly") != std::string::npos);
    const auto claims = crypto::jwt_hs256_verify(token, Stack::get().root().keys().jwt);
    BOOST_REQUIRE(claims.has_value());
    BOOST_TEST((*claims)["userId"] == t.user.id);
    BOOST_TEST((*claims)["sessionId"].get<std::string>().size() == 36u);
}

BOOST_AUTO_TEST_CASE(users_me_answers_by_cookie_or_bearer_without_secrets) {
    const auto t = create_user();
    auto s = signed_in(t);
    const auto by_cookie = s.client.get("/api/users/me");
    BOOST_TEST(by_cookie.status == 200);
    const auto me = by_cookie.json();
    BOOST_TEST(me["id"] == t.user.id);
    BOOST_TEST(me["email"] == t.user.email);
    BOOST_TEST(me["firstName"] == "Test");
    BOOST_TEST(me["twoFactorEnabled"] == false);
    for (const char* secret :
         {"passwordHash", "password", "sessions", "twoFactorSecret", "twoFactorRecoveryCodes"}) {
        BOOST_TEST(!me.contains(secret), secret);
    }
    const auto by_bearer = eclipanel().get("/api/users/me", bearer(s.token));
    BOOST_TEST(by_bearer.status == 200);
    BOOST_TEST(by_bearer.json() == me);
}

BOOST_AUTO_TEST_CASE(the_session_endpoint_names_the_current_session) {
    const auto t = create_user();
    auto s = signed_in(t);
    const auto r = s.client.get("/api/auth/session");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.json()["user"]["sessionId"] == s.session_id);
    BOOST_TEST(r.json()["user"]["email"] == t.user.email);
}

BOOST_AUTO_TEST_CASE(unknown_user_wrong_password_and_suspended_account_get_the_same_answer) {
    const auto t = create_user();
    const auto s = create_user();
    suspend(s.user.id);
    check_error(
        eclipanel().post_json("/api/auth/login", {{"email", t.user.email}, {"password", "not it"}}),
        401, "Invalid credentials");
    check_error(
        eclipanel().post_json("/api/auth/login", {{"email", unique_name("x") + "@example.com"},
                                                  {"password", "not it"}}),
        401, "Invalid credentials");
    check_error(eclipanel().post_json("/api/auth/login",
                                      {{"email", s.user.email}, {"password", s.password}}),
                401, "Invalid credentials");
    // E-mail only: a username is not an e-mail address.
    check_error(eclipanel().post_json("/api/auth/login",
                                      {{"email", t.user.username}, {"password", t.password}}),
                422, "Request error");
}

BOOST_AUTO_TEST_CASE(schema_violations_are_422_request_error) {
    check_error(eclipanel().post_json("/api/auth/login", {{"email", "a@example.com"}}), 422,
                "Request error");
    check_error(eclipanel().post_json("/api/auth/login", {{"email", 5}, {"password", "x"}}), 422,
                "Request error");
    check_error(
        eclipanel().post_json("/api/auth/login", {{"email", "a@example.com"}, {"password", ""}}),
        422, "Request error");
    check_error(
        eclipanel().request("POST", "/api/auth/login", "{", {{"Content-Type", "application/json"}}),
        422, "Request error");
}

BOOST_AUTO_TEST_CASE(missing_malformed_and_forged_credentials_are_401) {
    check_error(eclipanel().get("/api/users/me"), 401, "Missing auth token");
    check_error(eclipanel().get("/api/users/me", {{"Authorization", "Basic dXNlcjpwYXNz"}}), 401,
                "Invalid token format");
}

BOOST_AUTO_TEST_CASE(a_token_we_never_signed_is_invalid_and_a_signed_one_without_session_is_not) {
    const auto t = create_user();
    auto s = signed_in(t);
    // Badly signed, malformed, truncated: "Invalid token", by header or by cookie.
    const auto forged = crypto::jwt_hs256_sign({{"userId", t.user.id}, {"sessionId", s.session_id}},
                                               "not the server key");
    const std::string tampered = s.token.substr(0, s.token.rfind('.') + 1) + "AAAA";
    for (const std::string& token :
         {forged, tampered, s.token.substr(0, s.token.size() - 1), std::string("abc.def"),
          std::string("x"), std::string(30, 'a'), std::string("a.b.c.d")}) {
        check_error(eclipanel().get("/api/users/me", bearer(token)), 401, "Invalid token");
        auto by_cookie = eclipanel();
        by_cookie.set_cookie("token", token);
        check_error(by_cookie.get("/api/auth/session"), 401, "Invalid token");
    }
    check_error(eclipanel().get("/api/users/me", {{"Authorization", std::string(30, 'a')}}), 401,
                "Invalid token");
    // Ours, but its session is gone: "Invalid session".
    BOOST_TEST(eclipanel().request("POST", "/api/auth/logout", "", bearer(s.token)).status == 200);
    check_error(eclipanel().get("/api/users/me", bearer(s.token)), 401, "Invalid session");
    const auto no_session = crypto::jwt_hs256_sign(
        {{"userId", t.user.id}, {"sessionId", "00000000-0000-4000-8000-000000000000"}},
        Stack::get().root().keys().jwt);
    check_error(eclipanel().get("/api/users/me", bearer(no_session)), 401, "Invalid session");
}

BOOST_AUTO_TEST_CASE(expired_and_revoked_sessions_are_401) {
    const auto t = create_user();
    auto s = signed_in(t);
    expire_sessions(t.user.id);
    check_error(eclipanel().get("/api/users/me", bearer(s.token)), 401, "Invalid session");
}

BOOST_AUTO_TEST_CASE(sessions_logout_ends_the_named_session_of_the_caller) {
    const auto t = create_user();
    auto first = signed_in(t);
    auto second = signed_in(t);
    const auto r = eclipanel().post_json("/api/sessions/logout",
                                         {{"userId", t.user.id}, {"sessionId", second.session_id}},
                                         bearer(first.token));
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.json() == nlohmann::json({{"success", true}}));
    check_error(eclipanel().get("/api/users/me", bearer(second.token)), 401, "Invalid session");
    BOOST_TEST(eclipanel().get("/api/users/me", bearer(first.token)).status == 200);
}

BOOST_AUTO_TEST_CASE(nobody_can_end_another_users_session) {
    const auto victim = create_user();
    const auto attacker = create_user();
    auto v = signed_in(victim);
    auto a = signed_in(attacker);
    check_error(eclipanel().post_json("/api/sessions/logout",
                                      {{"userId", victim.user.id}, {"sessionId", v.session_id}},
                                      bearer(a.token)),
                403, "Insufficient permissions");
    // Naming the victim's session under the attacker's own id removes nothing either.
    BOOST_TEST(eclipanel()
                   .post_json("/api/sessions/logout",
                              {{"userId", attacker.user.id}, {"sessionId", v.session_id}},
                              bearer(a.token))
                   .status == 200);
    BOOST_TEST(eclipanel().get("/api/users/me", bearer(v.token)).status == 200);
}

BOOST_AUTO_TEST_CASE(sessions_logout_validates_its_body) {
    const auto t = create_user();
    auto s = signed_in(t);
    check_error(
        eclipanel().post_json("/api/sessions/logout",
                              {{"userId", "1"}, {"sessionId", s.session_id}}, bearer(s.token)),
        422, "Request error");
    check_error(
        eclipanel().post_json("/api/sessions/logout", {{"userId", t.user.id}}, bearer(s.token)),
        422, "Request error");
}

BOOST_AUTO_TEST_CASE(cookie_authenticated_writes_need_a_same_site_origin) {
    const auto t = create_user();
    auto s = signed_in(t);
    const nlohmann::json body = {{"userId", t.user.id}, {"sessionId", s.session_id}};
    BOOST_TEST(s.client.post_json("/api/sessions/logout", body).status == 403);
    BOOST_TEST(
        s.client.post_json("/api/sessions/logout", body, {{"Origin", "https://evil.example"}})
            .status == 403);
    const auto r = s.client.post_json("/api/sessions/logout", body, same_origin(s.client));
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.set_cookie("token").find("Max-Age=0") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(auth_logout_ends_the_current_session) {
    const auto t = create_user();
    auto s = signed_in(t);
    const auto r = eclipanel().request("POST", "/api/auth/logout", "", bearer(s.token));
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.json() == nlohmann::json({{"success", true}}));
    check_error(eclipanel().get("/api/users/me", bearer(s.token)), 401, "Invalid session");
}

BOOST_AUTO_TEST_CASE(errors_for_routes_and_sizes_use_the_eclipanel_envelope) {
    check_error(eclipanel().get("/api/users/nothing/here"), 404, "Route not found");
    check_error(eclipanel().request("POST", "/api/auth/login", std::string(70000, ' '),
                                    {{"Content-Type", "application/json"}}),
                413, "Payload too large");
}

BOOST_AUTO_TEST_SUITE_END()
