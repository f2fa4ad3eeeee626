// Calagopus dialect over HTTP through nginx: /api/auth/login, /api/client/account, logout.

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

void check_error(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status);
    BOOST_TEST(r.header("content-type").starts_with("application/json"));
    BOOST_TEST(r.json() == nlohmann::json({{"errors", {message}}}), r.body);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_sign_in)

BOOST_AUTO_TEST_CASE(login_returns_a_completed_full_user_and_the_session_cookie) {
    const auto t = create_user();
    auto client = calagopus();
    const auto r =
        client.post_json("/api/auth/login", {{"user", t.user.email}, {"password", t.password}});
    BOOST_TEST(r.status == 200);
    const auto body = nlohmann::ordered_json::parse(r.body);
    BOOST_TEST(body["type"] == "completed");
    const auto& user = body["user"];
    std::vector<std::string> keys;
    for (const auto& [k, v] : user.items())
        keys.push_back(k);
    BOOST_TEST((keys == std::vector<std::string>{
                            "uuid", "username", "role", "avatar", "email", "name_first",
                            "name_last", "admin", "frozen", "suspended", "totp_enabled",
                            "totp_last_used", "require_two_factor", "language", "toast_position",
                            "start_on_grouped_servers", "has_password", "created"}));
    BOOST_TEST(user["uuid"] == t.user.uuid);
    BOOST_TEST(user["has_password"] == true);
    BOOST_TEST(user["created"].get<std::string>().ends_with("Z"));
    const auto token = client.cookie("calagopus_session");
    BOOST_REQUIRE(token.has_value());
    BOOST_TEST(token->size() == 81u);
    BOOST_TEST(token->at(16) == ':');
    BOOST_TEST(r.set_cookie("calagopus_session").find("HttpOnly") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_account_reads_back_as_a_full_user) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto r = client.get("/api/client/account");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.json()["user"]["username"] == t.user.username);
    BOOST_TEST(!r.json()["user"].contains("password"));
}

BOOST_AUTO_TEST_CASE(unknown_user_wrong_password_and_suspended_account_get_the_same_answer) {
    const auto t = create_user();
    const auto s = create_user();
    suspend(s.user.id);
    const auto wrong = calagopus().post_json(
        "/api/auth/login", {{"user", t.user.username}, {"password", "nope nope"}});
    const auto unknown = calagopus().post_json(
        "/api/auth/login", {{"user", unique_name("ghost")}, {"password", "nope nope"}});
    const auto suspended = calagopus().post_json(
        "/api/auth/login", {{"user", s.user.username}, {"password", s.password}});
    check_error(wrong, 400, "invalid username or password");
    check_error(unknown, 400, "invalid username or password");
    check_error(suspended, 400, "invalid username or password");
}

BOOST_AUTO_TEST_CASE(bad_payloads_are_400_invalid_payload) {
    check_error(calagopus().post_json("/api/auth/login", {{"password", "x"}}), 400,
                "invalid payload: missing field `user`");
    check_error(calagopus().post_json("/api/auth/login", {{"user", true}, {"password", "x"}}), 400,
                "invalid payload: invalid type: a boolean for `user`, expected a string");
    check_error(calagopus().request("POST", "/api/auth/login", "{nope",
                                    {{"Content-Type", "application/json"}}),
                400, "invalid payload: malformed JSON object");
    check_error(calagopus().request("POST", "/api/auth/login", "{}"), 400,
                "invalid payload: missing content type header");
    check_error(
        calagopus().request("POST", "/api/auth/login", "<x/>", {{"Content-Type", "text/plain"}}),
        400, "invalid payload: unsupported content type");
}

BOOST_AUTO_TEST_CASE(missing_malformed_and_unknown_session_cookies_are_401) {
    check_error(calagopus().get("/api/client/account"), 401, "missing authorization");
    auto short_cookie = calagopus();
    short_cookie.set_cookie("calagopus_session", "abc");
    check_error(short_cookie.get("/api/client/account"), 401, "invalid authorization cookie");
    auto unknown = calagopus();
    unknown.set_cookie("calagopus_session", std::string(16, 'a') + ":" + std::string(64, '0'));
    check_error(unknown.get("/api/client/account"), 401, "invalid session");
}

BOOST_AUTO_TEST_CASE(expired_and_idle_sessions_are_401) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    expire_sessions(t.user.id);
    check_error(client.get("/api/client/account"), 401, "invalid session");
    auto other = calagopus_signed_in(t);
    idle_sessions(t.user.id);
    check_error(other.get("/api/client/account"), 401, "invalid session");
}

BOOST_AUTO_TEST_CASE(logout_from_another_site_or_without_origin_is_refused) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    check_error(client.request("POST", "/api/client/account/logout"), 403,
                "cross-site request refused");
    check_error(client.request("POST", "/api/client/account/logout", "",
                               {{"Origin", "https://evil.example"}}),
                403, "cross-site request refused");
    BOOST_TEST(client.get("/api/client/account").status == 200);
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session_and_clears_the_cookie) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto token = *client.cookie("calagopus_session");
    const auto r = client.request("POST", "/api/client/account/logout", "", same_origin(client));
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.json() == nlohmann::json::object());
    BOOST_TEST(r.set_cookie("calagopus_session").find("Max-Age=0") != std::string::npos);
    auto replay = calagopus();
    replay.set_cookie("calagopus_session", token);
    check_error(replay.get("/api/client/account"), 401, "invalid session");
}

BOOST_AUTO_TEST_CASE(errors_for_routes_methods_and_sizes_use_the_calagopus_envelope) {
    check_error(calagopus().get("/api/client/nothing"), 404, "route not found");
    check_error(
        calagopus().request("PUT", "/api/auth/login", "{}", {{"Content-Type", "application/json"}}),
        405, "method not allowed");
    check_error(calagopus().request("POST", "/api/auth/login", std::string(70000, ' '),
                                    {{"Content-Type", "application/json"}}),
                413, "payload too large");
    check_error(calagopus().request("POST", "/api/auth/login", std::string(1100000, ' '),
                                    {{"Content-Type", "application/json"}}),
                413, "payload too large");
}

BOOST_AUTO_TEST_SUITE_END()
