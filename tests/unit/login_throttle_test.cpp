#include <boost/test/unit_test.hpp>

#include <map>

#include "services/throttle.hpp"
#include "test_support.hpp"

using namespace accountd;
using namespace std::chrono_literals;

namespace {

class InMemoryBuckets final : public services::ThrottleRepository {
  public:
    std::map<std::string, services::ThrottleWindow> rows;
    services::ThrottleWindow hit(const std::string& bucket, int window,
                                 services::Timestamp now) override {
        auto& w = rows[bucket];
        if (w.ends <= now) w = {0, now + std::chrono::seconds(window)};
        ++w.hits;
        return w;
    }
    std::optional<services::ThrottleWindow> peek(const std::string& bucket,
                                                 services::Timestamp now) override {
        const auto it = rows.find(bucket);
        if (it == rows.end() || it->second.ends <= now) return std::nullopt;
        return it->second;
    }
    void clear(const std::string& bucket) override { rows.erase(bucket); }
};

struct Fixture {
    testing::ManualClock clock;
    InMemoryBuckets buckets;
    services::LoginThrottle throttle{buckets, clock,
                                     services::LoginLimits{5, 60, 100, 3600, 30, 60}};
    void fail(const std::string& ip, const std::string& account, int times) {
        for (int i = 0; i < times; ++i)
            throttle.record_failure(ip, account);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(login_throttle, Fixture)

BOOST_AUTO_TEST_CASE(five_failures_for_one_account_from_one_address_lock_that_pair_for_the_window) {
    fail("192.0.2.1", "alice", 4);
    BOOST_TEST(!throttle.retry_after("192.0.2.1", "alice").has_value());
    fail("192.0.2.1", "alice", 1);
    BOOST_TEST(throttle.retry_after("192.0.2.1", "alice").value() == 60);
    BOOST_TEST(throttle.retry_after("192.0.2.1", "ALICE").has_value());  // case-insensitive
    BOOST_TEST(!throttle.retry_after("192.0.2.1", "bob").has_value());   // not a global bucket
    BOOST_TEST(!throttle.retry_after("192.0.2.2", "alice").has_value());
    clock.advance(45s);
    BOOST_TEST(throttle.retry_after("192.0.2.1", "alice").value() == 15);
    clock.advance(15s);
    BOOST_TEST(!throttle.retry_after("192.0.2.1", "alice").has_value());
}

BOOST_AUTO_TEST_CASE(an_account_attacked_from_many_addresses_locks_after_its_own_limit) {
    for (int i = 0; i < 100; ++i)
        throttle.record_failure("198.51.100." + std::to_string(i), "alice");
    BOOST_TEST(throttle.retry_after("203.0.113.7", "alice").has_value());
    BOOST_TEST(!throttle.retry_after("203.0.113.7", "bob").has_value());
}

BOOST_AUTO_TEST_CASE(one_address_trying_many_accounts_locks_after_the_address_limit) {
    for (int i = 0; i < 30; ++i)
        throttle.record_failure("192.0.2.9", "user" + std::to_string(i));
    BOOST_TEST(throttle.retry_after("192.0.2.9", "someone-else").has_value());
    BOOST_TEST(!throttle.retry_after("192.0.2.10", "someone-else").has_value());
}

BOOST_AUTO_TEST_CASE(a_success_clears_the_address_and_account_count) {
    fail("192.0.2.1", "alice", 4);
    throttle.record_success("192.0.2.1", "alice");
    fail("192.0.2.1", "alice", 4);
    BOOST_TEST(!throttle.retry_after("192.0.2.1", "alice").has_value());
}

BOOST_AUTO_TEST_CASE(an_empty_identifier_only_counts_against_the_address) {
    fail("192.0.2.1", "", 10);
    BOOST_TEST(!throttle.retry_after("192.0.2.1", "").has_value());
    BOOST_TEST(buckets.rows.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
