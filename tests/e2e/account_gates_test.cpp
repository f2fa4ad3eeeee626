// The account gates through nginx in every dialect: a suspended account's sessions keep only
// what each panel exempts (signing out everywhere; reading the account in Calagopus), its API
// keys reach nothing, and an admin who is suspended or lacks the required two-factor acts for
// nobody (EcliPanel's session routes included).

#include "crypto/encoding.hpp"
#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

std::string ptlc_key(PterodactylSession& s) {
    const auto r = s.client.post_json("/api/client/account/api-keys",
                                      {{"description", "automation"}}, s.write);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return r.json()["attributes"]["identifier"].get<std::string>() +
           r.json()["meta"]["secret_token"].get<std::string>();
}

void check_pterodactyl_suspended(const HttpResult& r, const std::string& what) {
    BOOST_TEST(r.status == 403, what << " -> " << r.status << " " << r.body);
    BOOST_TEST(r.json()["errors"][0]["code"] == "AccessDeniedHttpException", what);
}

struct EcliSession {
    std::string token;
    std::string session_id;
};

EcliSession eclipanel_sign_in(const TestUser& t) {
    const auto r = eclipanel().post_json("/api/auth/login",
                                         {{"email", t.user.email}, {"password", t.password}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    const std::string token = r.json()["token"];
    const auto payload = crypto::base64url_decode(
        token.substr(token.find('.') + 1, token.rfind('.') - token.find('.') - 1));
    return {token, nlohmann::json::parse(*payload)["sessionId"]};
}

void check_eclipanel_error(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"error", message}}), r.body);
}

const std::string kSuspended = "Account is suspended. Please contact support.";

}  // namespace

BOOST_AUTO_TEST_SUITE(account_gates)

BOOST_AUTO_TEST_CASE(pterodactyl_a_suspended_session_and_key_read_nothing_but_sign_out_works) {
    auto s = pterodactyl_session(create_user());
    const auto key = ptlc_key(s);
    BOOST_REQUIRE_EQUAL(pterodactyl().get("/api/client/account", bearer(key)).status, 200);
    suspend(s.t.user.id);
    check_pterodactyl_suspended(s.client.get("/api/client/account"), "session account");
    for (const char* path :
         {"/api/client/account", "/api/client/account/api-keys", "/api/client/account/ssh-keys",
          "/api/client/account/activity", "/api/client/permissions"}) {
        check_pterodactyl_suspended(pterodactyl().get(path, bearer(key)), path);
    }
    check_pterodactyl_suspended(pterodactyl().post_json("/api/client/account/api-keys",
                                                        {{"description", "more"}}, bearer(key)),
                                "key creates a key");
    const auto out = s.client.request("POST", "/auth/logout", "", s.write);
    BOOST_TEST(out.status == 204);
}

BOOST_AUTO_TEST_CASE(calagopus_a_suspended_session_reads_the_account_and_signs_out_only) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    suspend(t.user.id);
    const auto read = client.get("/api/client/account");
    BOOST_TEST(read.status == 200);
    BOOST_TEST(read.json()["user"]["suspended"] == true);
    const auto change = client.request(
        "PUT", "/api/client/account/email",
        nlohmann::json{{"email", unique_name("s") + "@example.com"}, {"password", t.password}}
            .dump(),
        {{"Content-Type", "application/json"}, {"Origin", client.base_url()}});
    BOOST_TEST(change.status == 403);
    BOOST_TEST(change.json() == nlohmann::json({{"errors", {"account is suspended"}}}));
    BOOST_TEST(
        client.request("POST", "/api/client/account/logout", "", same_origin(client)).status ==
        200);
}

BOOST_AUTO_TEST_CASE(eclipanel_a_suspended_token_is_403_everywhere_but_sign_out) {
    const auto t = create_user();
    const auto s = eclipanel_sign_in(t);
    BOOST_REQUIRE_EQUAL(eclipanel().get("/api/users/me", bearer(s.token)).status, 200);
    suspend(t.user.id);
    check_eclipanel_error(eclipanel().get("/api/users/me", bearer(s.token)), 403, kSuspended);
    check_eclipanel_error(eclipanel().get("/api/auth/session", bearer(s.token)), 403, kSuspended);
    check_eclipanel_error(
        eclipanel().post_json("/api/sessions/logout",
                              {{"userId", t.user.id}, {"sessionId", s.session_id}},
                              bearer(s.token)),
        403, kSuspended);
    BOOST_TEST(eclipanel().request("POST", "/api/auth/logout", "", bearer(s.token)).status == 200);
    check_eclipanel_error(eclipanel().get("/api/users/me", bearer(s.token)), 401,
                          "Invalid session");
}

BOOST_AUTO_TEST_CASE(eclipanel_a_suspended_admin_ends_nobodys_session) {
    const auto admin = create_user(true);
    const auto victim = create_user();
    const auto a = eclipanel_sign_in(admin);
    const auto v = eclipanel_sign_in(victim);
    suspend(admin.user.id);
    check_eclipanel_error(
        eclipanel().post_json("/api/sessions/logout",
                              {{"userId", victim.user.id}, {"sessionId", v.session_id}},
                              bearer(a.token)),
        403, kSuspended);
    BOOST_TEST(eclipanel().get("/api/users/me", bearer(v.token)).status == 200);
}

BOOST_AUTO_TEST_CASE(eclipanel_an_admin_without_the_required_two_factor_ends_nobodys_session) {
    // The test stack keeps the default security.require_2fa = admins.
    const auto admin = create_user(true);
    const auto victim = create_user();
    const auto a = eclipanel_sign_in(admin);
    const auto v = eclipanel_sign_in(victim);
    check_eclipanel_error(
        eclipanel().post_json("/api/sessions/logout",
                              {{"userId", victim.user.id}, {"sessionId", v.session_id}},
                              bearer(a.token)),
        403, "Two-factor authentication required");
    BOOST_TEST(eclipanel().get("/api/users/me", bearer(v.token)).status == 200);
    // Who they are, they may still read.
    BOOST_TEST(eclipanel().get("/api/users/me", bearer(a.token)).status == 200);
    BOOST_TEST(eclipanel().get("/api/auth/session", bearer(a.token)).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
