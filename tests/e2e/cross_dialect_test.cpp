// One account, one database, three dialects.

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

BOOST_AUTO_TEST_SUITE(cross_dialect)

BOOST_AUTO_TEST_CASE(one_user_created_once_signs_in_through_all_three_dialects) {
    const auto t = create_user();
    auto ptero = pterodactyl();
    auto cala = calagopus();
    auto ecli = eclipanel();
    BOOST_TEST(ptero.post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}})
                   .status == 200);
    BOOST_TEST(
        cala.post_json("/api/auth/login", {{"user", t.user.username}, {"password", t.password}})
            .status == 200);
    BOOST_TEST(
        ecli.post_json("/api/auth/login", {{"email", t.user.email}, {"password", t.password}})
            .status == 200);
    BOOST_TEST(ptero.get("/api/client/account").json()["attributes"]["email"] == t.user.email);
    BOOST_TEST(cala.get("/api/client/account").json()["user"]["email"] == t.user.email);
    BOOST_TEST(ecli.get("/api/users/me").json()["email"] == t.user.email);
    BOOST_TEST(count_sessions(t.user.id) == 3);

    // Signing out of one dialect leaves the others signed in.
    BOOST_TEST(cala.request("POST", "/api/client/account/logout", "", same_origin(cala)).status ==
               200);
    BOOST_TEST(ptero.get("/api/client/account").status == 200);
    BOOST_TEST(ecli.get("/api/users/me").status == 200);
    BOOST_TEST(count_sessions(t.user.id) == 2);
}

BOOST_AUTO_TEST_CASE(a_session_token_only_works_in_the_dialect_that_issued_it) {
    const auto t = create_user();
    auto ecli = eclipanel();
    BOOST_TEST(
        ecli.post_json("/api/auth/login", {{"email", t.user.email}, {"password", t.password}})
            .status == 200);
    auto ptero = pterodactyl();
    ptero.set_cookie("pterodactyl_session", *ecli.cookie("token"));
    BOOST_TEST(ptero.get("/api/client/account").status == 401);
}

BOOST_AUTO_TEST_CASE(health_endpoints_answer_in_every_dialect) {
    for (auto client : {pterodactyl(), calagopus(), eclipanel()}) {
        const auto live = client.get("/api/health");
        BOOST_TEST(live.status == 200);
        BOOST_TEST(live.json()["status"] == "ok");
        const auto ready = client.get("/api/health/ready");
        BOOST_TEST(ready.status == 200);
        BOOST_TEST(ready.json()["status"] == "ready");
    }
}

BOOST_AUTO_TEST_SUITE_END()
