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
    void release(const std::string& bucket, services::Timestamp now) override {
        const auto it = rows.find(bucket);
        if (it != rows.end() && it->second.ends > now && it->second.hits > 0) --it->second.hits;
    }
    void clear(const std::string& bucket) override { rows.erase(bucket); }
};

struct Fixture {
    testing::ManualClock clock;
    InMemoryBuckets buckets;
    services::LoginThrottle throttle{buckets, clock,
                                     services::LoginLimits{5, 60, 100, 3600, 30, 60}};
    // `times` attempts that go ahead and fail.
    void fail(const std::string& ip, const std::string& account, int times) {
        for (int i = 0; i < times; ++i)
            BOOST_REQUIRE(!throttle.claim(ip, account).has_value());
    }
};

const std::string alice = services::LoginThrottle::account_key(std::nullopt, "alice");
const std::string bob = services::LoginThrottle::account_key(std::nullopt, "bob");

}  // namespace

BOOST_FIXTURE_TEST_SUITE(login_throttle, Fixture)

BOOST_AUTO_TEST_CASE(five_failures_for_one_account_from_one_address_lock_that_pair_for_the_window) {
    fail("192.0.2.1", alice, 5);
    BOOST_TEST(throttle.claim("192.0.2.1", alice).value() == 60);
    BOOST_TEST(!throttle.claim("192.0.2.1", bob).has_value());  // not a global bucket
    BOOST_TEST(!throttle.claim("192.0.2.2", alice).has_value());
    clock.advance(45s);
    // Refused attempts do not move the end of the window.
    BOOST_TEST(throttle.claim("192.0.2.1", alice).value() == 15);
    clock.advance(15s);
    BOOST_TEST(!throttle.claim("192.0.2.1", alice).has_value());
}

BOOST_AUTO_TEST_CASE(a_typed_name_is_counted_case_insensitively_and_an_account_by_its_id) {
    BOOST_TEST(services::LoginThrottle::account_key(std::nullopt, "ALICE") == alice);
    // The username and the e-mail address of one account share its count.
    BOOST_TEST(services::LoginThrottle::account_key(7, "alice") ==
               services::LoginThrottle::account_key(7, "Alice@Example.com"));
    BOOST_TEST(services::LoginThrottle::account_key(7, "alice") != alice);
    BOOST_TEST(services::LoginThrottle::account_key(std::nullopt, "").empty());
}

BOOST_AUTO_TEST_CASE(an_account_attacked_from_many_addresses_locks_after_its_own_limit) {
    for (int i = 0; i < 100; ++i)
        fail("198.51.100." + std::to_string(i), alice, 1);
    BOOST_TEST(throttle.claim("203.0.113.7", alice).has_value());
    BOOST_TEST(!throttle.claim("203.0.113.7", bob).has_value());
}

BOOST_AUTO_TEST_CASE(one_address_trying_many_accounts_locks_after_the_address_limit) {
    for (int i = 0; i < 30; ++i)
        fail("192.0.2.9", "user" + std::to_string(i), 1);
    BOOST_TEST(throttle.claim("192.0.2.9", "someone-else").has_value());
    BOOST_TEST(!throttle.claim("192.0.2.10", "someone-else").has_value());
}

BOOST_AUTO_TEST_CASE(a_success_clears_the_pair_and_gives_back_its_claim) {
    fail("192.0.2.1", alice, 4);
    BOOST_REQUIRE(!throttle.claim("192.0.2.1", alice).has_value());
    throttle.succeeded("192.0.2.1", alice);
    fail("192.0.2.1", alice, 5);
    BOOST_TEST(throttle.claim("192.0.2.1", alice).has_value());
    // Nine failures and one refused attempt; the success was given back.
    BOOST_TEST(buckets.rows["login-account|" + alice].hits == 10u);  // the refused one counts
    BOOST_TEST(buckets.rows["login-ip|192.0.2.1"].hits == 10u);
}

BOOST_AUTO_TEST_CASE(successes_alone_never_lock_an_address_out) {
    for (int i = 0; i < 100; ++i) {
        const auto who = "user" + std::to_string(i);
        BOOST_REQUIRE(!throttle.claim("192.0.2.1", who).has_value());
        throttle.succeeded("192.0.2.1", who);
    }
    BOOST_TEST(!throttle.claim("192.0.2.1", alice).has_value());
}

BOOST_AUTO_TEST_CASE(an_empty_name_only_counts_against_the_address) {
    fail("192.0.2.1", "", 10);
    BOOST_TEST(buckets.rows.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
