#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include "server/rate_limiter.hpp"

using accountd::server::RateLimiter;

BOOST_AUTO_TEST_SUITE(rate_limiter)

BOOST_AUTO_TEST_CASE(a_caller_gets_its_budget_per_window_and_then_a_retry_time) {
    RateLimiter limiter(1024);
    const std::int64_t t = 1'700'000'010;  // 30 s into the window [1699999980, 1700000040)
    for (std::uint32_t i = 1; i <= 3; ++i) {
        const auto d = limiter.hit("user:1", t, 3, 60);
        BOOST_TEST(d.allowed);
        BOOST_TEST(d.remaining == 3 - i);
        BOOST_TEST(d.limit == 3u);
    }
    const auto refused = limiter.hit("user:1", t + 5, 3, 60);
    BOOST_TEST(!refused.allowed);
    BOOST_TEST(refused.remaining == 0u);
    BOOST_TEST(refused.retry_after == 25);
    BOOST_TEST(refused.reset_at == 1'700'000'040);
    BOOST_TEST(limiter.hit("user:2", t, 3, 60).allowed);       // per caller, not global
    BOOST_TEST(limiter.hit("user:1", t + 50, 3, 60).allowed);  // the next window
}

BOOST_AUTO_TEST_CASE(the_budget_is_shared_with_forked_workers) {
    RateLimiter limiter(1024);
    const std::int64_t t = 1'700'000'000;
    const pid_t child = fork();
    if (child == 0) {
        for (int i = 0; i < 5; ++i)
            limiter.hit("user:9", t, 10, 60);
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    BOOST_TEST(limiter.hit("user:9", t, 10, 60).remaining == 4u);
}

BOOST_AUTO_TEST_CASE(a_crowded_table_lets_requests_through) {
    RateLimiter limiter(4);
    const std::int64_t t = 1'700'000'000;
    for (int i = 0; i < 100; ++i)
        limiter.hit("user:" + std::to_string(i), t, 1, 60);
    int allowed = 0;
    for (int i = 100; i < 120; ++i)
        allowed += limiter.hit("user:" + std::to_string(i), t, 1, 60).allowed ? 1 : 0;
    BOOST_TEST(allowed == 20);
}

BOOST_AUTO_TEST_SUITE_END()
