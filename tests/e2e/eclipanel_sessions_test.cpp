// EcliPanel sessions through nginx (reference §3.3-§3.5, §4.4, §4.6): listing the session ids
// of every dialect, ending one or all of them (dead in the dialect that issued them), who may,
// and the cookie and CSRF token around them.

#include "eclipanel_session_support.hpp"

using namespace accountd;
using namespace accountd::testing;
using namespace accountd::testing::eclipanel_support;

namespace {

std::vector<std::string> session_ids(std::uint64_t user_id, const std::string& dialect) {
    std::vector<std::string> out;
    const long long id = static_cast<long long>(user_id);
    soci::rowset<std::string> rows =
        (Stack::get().sql().prepare << "SELECT public_id FROM sessions WHERE user_id = :id AND "
                                       "dialect = :d ORDER BY id",
         soci::use(id), soci::use(dialect));
    for (const auto& r : rows)
        out.push_back(r);
    return out;
}

std::vector<std::string> listed(Browser& b, std::uint64_t user_id) {
    const auto r = b.get("/api/sessions/" + std::to_string(user_id));
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_REQUIRE(r.json().size() == 1u);
    return r.json()["sessions"].get<std::vector<std::string>>();
}

bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

/// A root admin signed in to EcliPanel with two-factor on (the test stack requires it of
/// admins), so the admin:access routes are open to it.
Browser signed_in_admin() {
    const auto admin = create_user(true);
    auto b = signed_in(admin);
    enable_two_factor(b);
    return b;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(eclipanel_sessions)

BOOST_AUTO_TEST_CASE(the_list_names_every_dialects_sessions_and_the_current_one) {
    const auto t = create_user();
    auto first = signed_in(t);
    auto second = signed_in(t);
    auto ptero = pterodactyl_signed_in(t);
    auto cala = calagopus_signed_in(t);
    const auto ids = listed(first, t.user.id);
    BOOST_TEST(ids.size() == 4u);
    BOOST_TEST(has(ids, first.session_id));
    BOOST_TEST(has(ids, second.session_id));
    BOOST_TEST(has(ids, session_ids(t.user.id, "pterodactyl").at(0)));
    BOOST_TEST(has(ids, session_ids(t.user.id, "calagopus").at(0)));
    // Oldest first, as EcliPanel's list; the current one is /api/auth/session's sessionId.
    BOOST_TEST(ids.front() == first.session_id);
    BOOST_TEST(first.get("/api/auth/session").json()["user"]["sessionId"] == first.session_id);
    // By cookie too.
    BOOST_TEST(first.client.get("/api/sessions/" + std::to_string(t.user.id)).status == 200);
}

BOOST_AUTO_TEST_CASE(another_users_sessions_are_403_whether_or_not_the_user_exists) {
    const auto t = create_user();
    const auto other = create_user();
    auto b = signed_in(t);
    signed_in(other);
    for (const std::string& id : {std::to_string(other.user.id), std::string("999999999"),
                                  std::string("0"), std::string("abc"), std::string("-1")}) {
        check_error(b.get("/api/sessions/" + id), 403, "Insufficient permissions");
    }
    Browser nobody;
    check_error(nobody.get("/api/sessions/" + std::to_string(t.user.id)), 401,
                "Missing auth token");
}

BOOST_AUTO_TEST_CASE(an_admin_lists_and_ends_anyones_sessions_and_learns_of_unknown_users) {
    auto admin = signed_in_admin();
    const auto t = create_user();
    auto victim = signed_in(t);
    BOOST_TEST(has(listed(admin, t.user.id), victim.session_id));
    check_error(admin.get("/api/sessions/999999999"), 404, "User not found");
    check_error(admin.get("/api/sessions/abc"), 404, "User not found");
    check_error(admin.post("/api/sessions/logout",
                           {{"userId", 999999999}, {"sessionId", victim.session_id}}),
                404, "User or session not found");
    check_error(admin.post("/api/sessions/logout-all", {{"userId", 999999999}}), 404,
                "User not found");
    const auto r = admin.post("/api/sessions/logout",
                              {{"userId", t.user.id}, {"sessionId", victim.session_id}});
    BOOST_TEST(r.status == 200, r.body);
    check_error(victim.get("/api/users/me"), 401, "Invalid session");
    auto again = signed_in(t);
    BOOST_TEST(admin.post("/api/sessions/logout-all", {{"userId", t.user.id}}).status == 200);
    check_error(again.get("/api/users/me"), 401, "Invalid session");
    // The admin's own session is untouched by another user's logout-all.
    BOOST_TEST(admin.get("/api/users/me").status == 200);
}

BOOST_AUTO_TEST_CASE(ending_a_session_kills_it_in_the_dialect_that_issued_it) {
    const auto t = create_user();
    auto b = signed_in(t);
    auto ptero = pterodactyl_signed_in(t);
    auto cala = calagopus_signed_in(t);
    BOOST_REQUIRE_EQUAL(ptero.get("/api/client/account").status, 200);
    BOOST_REQUIRE_EQUAL(cala.get("/api/client/account").status, 200);
    const auto ptero_id = session_ids(t.user.id, "pterodactyl").at(0);
    const auto cala_id = session_ids(t.user.id, "calagopus").at(0);
    auto r = b.post("/api/sessions/logout", {{"userId", t.user.id}, {"sessionId", ptero_id}});
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"success", true}}));
    // Not the caller's own session: its cookie stays.
    BOOST_TEST(r.set_cookie("token").empty());
    BOOST_TEST(ptero.get("/api/client/account").status == 401);
    BOOST_TEST(cala.get("/api/client/account").status == 200);
    r = b.post("/api/sessions/logout", {{"userId", t.user.id}, {"sessionId", cala_id}});
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(cala.get("/api/client/account").status == 401);
    BOOST_TEST(!has(listed(b, t.user.id), ptero_id));
    // An unknown id still answers success.
    BOOST_TEST(
        b.post("/api/sessions/logout", {{"userId", t.user.id}, {"sessionId", "nope"}}).status ==
        200);
    BOOST_TEST(b.get("/api/users/me").status == 200);
}

BOOST_AUTO_TEST_CASE(ending_ones_own_session_clears_the_cookie) {
    const auto t = create_user();
    auto b = signed_in(t);
    const auto r =
        b.client.post_json("/api/sessions/logout",
                           {{"userId", t.user.id}, {"sessionId", b.session_id}}, b.cookie_write());
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.set_cookie("token").find("Max-Age=0") != std::string::npos);
    check_error(eclipanel().get("/api/users/me", {{"Authorization", "Bearer " + b.token}}), 401,
                "Invalid session");
}

BOOST_AUTO_TEST_CASE(logout_all_ends_every_session_of_every_dialect_the_callers_included) {
    const auto t = create_user();
    auto b = signed_in(t);
    auto second = signed_in(t);
    auto ptero = pterodactyl_signed_in(t);
    auto cala = calagopus_signed_in(t);
    const auto r =
        b.client.post_json("/api/sessions/logout-all", {{"userId", t.user.id}}, b.cookie_write());
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"success", true}}));
    BOOST_TEST(r.set_cookie("token").find("Max-Age=0") != std::string::npos);
    check_error(eclipanel().get("/api/users/me", {{"Authorization", "Bearer " + b.token}}), 401,
                "Invalid session");
    check_error(second.get("/api/users/me"), 401, "Invalid session");
    BOOST_TEST(ptero.get("/api/client/account").status == 401);
    BOOST_TEST(cala.get("/api/client/account").status == 401);
    BOOST_TEST(count_sessions(t.user.id) == 0);
}

BOOST_AUTO_TEST_CASE(nobody_ends_another_users_sessions) {
    const auto victim = create_user();
    const auto t = create_user();
    auto v = signed_in(victim);
    auto b = signed_in(t);
    check_error(b.post("/api/sessions/logout-all", {{"userId", victim.user.id}}), 403,
                "Insufficient permissions");
    check_error(b.post("/api/sessions/logout-all", {{"userId", 999999999}}), 403,
                "Insufficient permissions");
    check_error(
        b.post("/api/sessions/logout", {{"userId", 999999999}, {"sessionId", v.session_id}}), 403,
        "Insufficient permissions");
    BOOST_TEST(v.get("/api/users/me").status == 200);
}

BOOST_AUTO_TEST_CASE(the_session_routes_validate_their_bodies) {
    const auto t = create_user();
    auto b = signed_in(t);
    for (const char* path : {"/api/sessions/logout", "/api/sessions/logout-all"}) {
        check_error(b.post(path, {{"userId", std::to_string(t.user.id)}, {"sessionId", "x"}}), 422,
                    "Request error");
        check_error(b.post(path, {{"userId", 1.5}, {"sessionId", "x"}}), 422, "Request error");
        check_error(b.post(path, nlohmann::json::object()), 422, "Request error");
        check_error(b.client.request("POST", path, "{\"userId\":",
                                     {{"Content-Type", "application/json"},
                                      {"Authorization", "Bearer " + b.token}}),
                    422, "Request error");
        Browser nobody;
        check_error(nobody.post(path, {{"userId", t.user.id}, {"sessionId", "x"}}), 401,
                    "Missing auth token");
    }
    check_error(b.post("/api/sessions/logout", {{"userId", t.user.id}, {"sessionId", 5}}), 422,
                "Request error");
    check_error(b.post("/api/sessions/logout", {{"userId", t.user.id}}), 422, "Request error");
    BOOST_TEST(b.get("/api/users/me").status == 200);
}

BOOST_AUTO_TEST_CASE(sign_in_sets_the_cookie_with_the_session_lifetime_and_logout_clears_it) {
    const auto t = create_user();
    Browser b;
    const auto r = password_login(b, t);
    const auto cookie = r.set_cookie("token");
    const auto& config = Stack::get().root().config();
    BOOST_TEST(cookie.find("HttpOnly") != std::string::npos, cookie);
    BOOST_TEST(cookie.find("SameSite=Lax") != std::string::npos, cookie);
    BOOST_TEST(cookie.find("Path=/") != std::string::npos, cookie);
    BOOST_TEST(cookie.find("Domain") == std::string::npos, cookie);
    BOOST_TEST(cookie.find("Max-Age=" + std::to_string(config.session_absolute_lifetime)) !=
                   std::string::npos,
               cookie);
    BOOST_TEST((cookie.find("Secure") != std::string::npos) == config.cookie_secure, cookie);
    // Sign-out by cookie: the Origin check applies, then the session ends and the cookie goes.
    BOOST_TEST(
        b.client.request("POST", "/api/auth/logout", "", {{"X-Forwarded-For", b.address}}).status ==
        403);
    const auto out = b.client.request("POST", "/api/auth/logout", "", b.cookie_write());
    BOOST_TEST(out.status == 200, out.body);
    BOOST_TEST(out.json() == nlohmann::json({{"success", true}}));
    const auto cleared = out.set_cookie("token");
    BOOST_TEST(cleared.find("Max-Age=0") != std::string::npos, cleared);
    BOOST_TEST(cleared.find("Path=/") != std::string::npos, cleared);
    BOOST_TEST(cleared.find("HttpOnly") != std::string::npos, cleared);
    b.take(r);
    check_error(eclipanel().get("/api/auth/session", {{"Authorization", "Bearer " + b.token}}), 401,
                "Invalid session");
    check_error(eclipanel().request("POST", "/api/auth/logout"), 401, "Missing auth token");
}

BOOST_AUTO_TEST_CASE(the_csrf_token_is_the_sessions_and_x_csrf_token_is_not_required) {
    const auto t = create_user();
    Browser b;
    const auto login = password_login(b, t);
    b.take(login);
    const auto r = b.get("/api/auth/csrf-token");
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json().size() == 1u);
    BOOST_TEST(r.json()["csrfToken"] == login.json()["csrfToken"]);
    BOOST_TEST(b.client.get("/api/auth/csrf-token").json()["csrfToken"] ==
               login.json()["csrfToken"]);
    check_error(eclipanel().get("/api/auth/csrf-token"), 401, "Missing auth token");
    // Another session has another token.
    auto other = signed_in(t);
    BOOST_TEST(other.get("/api/auth/csrf-token").json()["csrfToken"] != login.json()["csrfToken"]);
    // A cookie write passes on its Origin alone, with or without (or with a wrong) x-csrf-token,
    // and never on the token without the Origin.
    const nlohmann::json body = {{"userId", t.user.id}, {"sessionId", "not-a-session"}};
    auto headers = b.cookie_write();
    headers.emplace_back("x-csrf-token", "wrong");
    BOOST_TEST(b.client.post_json("/api/sessions/logout", body, headers).status == 200);
    BOOST_TEST(b.client.post_json("/api/sessions/logout", body, b.cookie_write()).status == 200);
    BOOST_TEST(b.client
                   .post_json("/api/sessions/logout", body,
                              {{"x-csrf-token", login.json()["csrfToken"].get<std::string>()}})
                   .status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
