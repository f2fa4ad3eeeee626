// A database that stops answering (the stack's mariadbd under SIGSTOP) makes requests fail fast
// with a 503 in the dialect's envelope (database.read_timeout, 5 s in scripts/test.sh) rather than
// holding every worker until nginx gives up; once it answers again, so does accountd.

#include <signal.h>

#include <chrono>
#include <fstream>

#include "e2e_fixture.hpp"
#include "support/stopped_mariadb.hpp"

using namespace accountd;
using namespace accountd::testing;
using Clock = std::chrono::steady_clock;

namespace {}  // namespace

BOOST_AUTO_TEST_SUITE(stalled_database)

BOOST_AUTO_TEST_CASE(requests_fail_fast_with_503_while_the_database_is_stalled) {
    const auto t = create_user();
    auto pterodactyl = pterodactyl_signed_in(t);
    auto calagopus = calagopus_signed_in(t);
    BOOST_REQUIRE(pterodactyl.get("/api/client/account").status == 200);
    {
        const testing::StoppedMariadb stopped(require_env("ACCOUNTD_TEST_STATE") +
                                              "/mariadb/run/mysqld.pid");
        const auto start = Clock::now();
        const auto r = pterodactyl.get("/api/client/account");
        const double took = std::chrono::duration<double>(Clock::now() - start).count();
        BOOST_TEST(r.status == 503, r.body);
        BOOST_TEST(r.json()["errors"][0]["code"] == "ServiceUnavailableHttpException");
        BOOST_TEST(r.header("cache-control") == "no-store");
        // Well below nginx's 60 s fastcgi_read_timeout (which would be a 504).
        BOOST_TEST(took < 30.0, "took " << took << " s");
        const auto c = calagopus.get("/api/client/account");
        BOOST_TEST(c.status == 503, c.body);
        BOOST_TEST(c.json()["errors"][0] == "service unavailable");
    }
    // The workers reconnect on their next statement.
    HttpResult again;
    for (int i = 0; i < 10 && again.status != 200; ++i)
        again = pterodactyl.get("/api/client/account");
    BOOST_TEST(again.status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
