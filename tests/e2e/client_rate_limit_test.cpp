// Pterodactyl's client API budget: 720 requests a minute per user, shared by all workers, with
// X-RateLimit-* headers and 429 + Retry-After past it.

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

BOOST_AUTO_TEST_SUITE(client_rate_limit)

BOOST_AUTO_TEST_CASE(the_budget_is_counted_per_user_across_workers_and_then_refused) {
    const auto t = create_user();
    const auto other = create_user();
    auto client = pterodactyl();
    BOOST_REQUIRE_EQUAL(
        client.post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}})
            .status,
        200);
    auto first = client.get("/api/client/account");
    BOOST_TEST(first.header("x-ratelimit-limit") == "720");
    const int start = std::stoi(first.header("x-ratelimit-remaining"));
    BOOST_TEST(start <= 719);
    HttpResult last;
    int sent = 1;
    // Spread over several workers by nginx; a minute boundary may reset the count once.
    while (sent < 1600) {
        last = client.get("/api/client/account");
        ++sent;
        if (last.status == 429) break;
    }
    BOOST_REQUIRE_EQUAL(last.status, 429);
    BOOST_TEST(last.json()["errors"][0]["code"] == "ThrottleRequestsException");
    BOOST_TEST(last.json()["errors"][0]["detail"] == "Too Many Attempts.");
    BOOST_TEST(last.header("x-ratelimit-remaining") == "0");
    BOOST_TEST(!last.header("retry-after").empty());
    BOOST_TEST(!last.header("x-ratelimit-reset").empty());
    // Another user has a budget of their own.
    auto fresh = pterodactyl();
    fresh.post_json("/auth/login", {{"user", other.user.username}, {"password", other.password}});
    BOOST_TEST(fresh.get("/api/client/account").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
