// EcliPanel's per-address sign-in limit (ratelimit.eclipanel_login, its §4.1 AUTH_LOGIN_RATE_IP):
// counted in the workers' shared counters before the body or the password is looked at, and
// answered in EcliPanel's envelope. No database is needed: the bodies here are refused before any
// lookup.

#include <boost/test/unit_test.hpp>

#include "app/worker_app.hpp"
#include "server/rate_limiter.hpp"
#include "test_support.hpp"

using namespace accountd;

namespace {

struct LoginLimitFixture {
    testing::ManualClock clock;
    testing::CountingRandom random;
    server::RateLimiter limiter{64};
    config::Config config = [] {
        config::Config c;
        c.server_key = std::string(32, 'k');
        c.password_blocklist_files.clear();
        c.database_url = "db=unused host=127.0.0.1 port=1";
        c.eclipanel_login_limit = {2, 60};
        return c;
    }();
    app::WorkerApp app{config, clock, random, &limiter};

    server::HttpResponse login(const std::string& address) {
        server::HttpRequest request;
        request.method = "POST";
        request.path = "/api/auth/login";
        request.dialect = "eclipanel";
        request.remote_addr = address;
        request.headers["content-type"] = "application/json";
        request.body = "{}";
        request.content_length = request.body.size();
        return app.handle(request);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(eclipanel_login_limit, LoginLimitFixture)

BOOST_AUTO_TEST_CASE(sign_ins_past_the_limit_are_429_in_the_envelope_per_address) {
    BOOST_TEST(login("192.0.2.7").status == 422);
    BOOST_TEST(login("192.0.2.7").status == 422);
    const auto refused = login("192.0.2.7");
    BOOST_TEST(refused.status == 429);
    const auto body = nlohmann::json::parse(refused.body);
    BOOST_TEST(body["error"] == "rate_limited");
    BOOST_TEST(body["retryAfter"].get<int>() > 0);
    bool retry_after_header = false;
    for (const auto& [name, value] : refused.headers)
        retry_after_header = retry_after_header || name == "Retry-After";
    BOOST_TEST(retry_after_header);
    // Another address has its own count.
    BOOST_TEST(login("192.0.2.8").status == 422);
}

BOOST_AUTO_TEST_CASE(the_default_is_eclipanels_twenty_a_minute) {
    const config::Config defaults;
    BOOST_TEST(defaults.eclipanel_login_limit.hits == 20u);
    BOOST_TEST(defaults.eclipanel_login_limit.window_seconds == 60);
}

BOOST_AUTO_TEST_SUITE_END()
