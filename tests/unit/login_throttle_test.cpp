#include <boost/test/unit_test.hpp>

#include <map>

#include "services/throttle.hpp"
#include "support/in_memory_repositories.hpp"
#include "test_support.hpp"

using namespace accountd;
using namespace std::chrono_literals;

namespace {

using InMemoryBuckets = testing::InMemoryThrottle;

using services::AttemptNames;
using services::LoginThrottle;

struct Fixture {
    testing::ManualClock clock;
    InMemoryBuckets buckets;
    LoginThrottle throttle{buckets, clock,
                           services::LoginLimits{5, 60, 100, 3600, 30, 60, 30 * 86400}};
    // `times` attempts that go ahead and fail.
    void fail(const std::string& ip, const AttemptNames& names, int times) {
        for (int i = 0; i < times; ++i)
            BOOST_REQUIRE(!throttle.claim(ip, names).has_value());
    }
};

const AttemptNames alice = LoginThrottle::for_sign_in(std::nullopt, "alice");
const AttemptNames bob = LoginThrottle::for_sign_in(std::nullopt, "bob");

AttemptNames someone(int i) {
    return LoginThrottle::for_sign_in(std::nullopt, "user" + std::to_string(i));
}

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

BOOST_AUTO_TEST_CASE(both_counts_take_the_accounts_id_or_else_the_folded_name) {
    // Resolved: every name of the account (username, e-mail, any spelling the database
    // matches) is one count, pair and account alike.
    const auto by_id = LoginThrottle::for_sign_in(7, "alice");
    BOOST_TEST(by_id.pair == "id:7");
    BOOST_TEST(by_id.account == "id:7");
    BOOST_TEST(LoginThrottle::for_sign_in(7, "alice@example.com").pair == by_id.pair);
    // Unresolved: the name as the user store folds it (its collation's key), so spellings that
    // would find one row share one count whether or not the row exists.
    BOOST_TEST(alice.pair == "fold:alice");
    BOOST_TEST(alice.account == alice.pair);
    BOOST_TEST(alice.pair != by_id.pair);
    const auto empty = LoginThrottle::for_sign_in(std::nullopt, "");
    BOOST_TEST(empty.pair.empty());
    BOOST_TEST(empty.account.empty());
}

BOOST_AUTO_TEST_CASE(addresses_of_one_ipv6_64_share_every_count) {
    // A host holds a whole /64: counted per address it would have fresh counts forever.
    for (int i = 1; i <= 5; ++i)
        fail("2001:db8:1:2::" + std::to_string(i), alice, 1);
    BOOST_TEST(throttle.claim("2001:db8:1:2:ffff:ffff:ffff:fffe", alice).has_value());
    BOOST_TEST(!throttle.claim("2001:db8:1:3::1", alice).has_value());  // the next /64
    BOOST_TEST(buckets.rows["login-ip|2001:db8:1:2::/64"].hits == 5u);
    BOOST_TEST(buckets.rows.count("login-ip|2001:db8:1:2::1") == 0u);
}

BOOST_AUTO_TEST_CASE(an_ipv4_mapped_address_is_counted_as_its_ipv4_address) {
    fail("::ffff:192.0.2.7", alice, 3);
    fail("192.0.2.7", alice, 2);
    BOOST_TEST(throttle.claim("::ffff:192.0.2.7", alice).has_value());
    BOOST_TEST(buckets.rows["login-ip|192.0.2.7"].hits == 5u);
}

BOOST_AUTO_TEST_CASE(the_ipv6_prefix_is_configurable) {
    services::LoginLimits limits{5, 60, 100, 3600, 30, 60, 30 * 86400};
    limits.ipv6_prefix = 48;
    LoginThrottle wide{buckets, clock, limits};
    for (int i = 1; i <= 5; ++i)
        BOOST_REQUIRE(!wide.claim("2001:db8:7:" + std::to_string(i) + "::1", alice).has_value());
    BOOST_TEST(wide.claim("2001:db8:7:ffff::1", alice).has_value());
    BOOST_TEST(!wide.claim("2001:db8:8::1", alice).has_value());
}

BOOST_AUTO_TEST_CASE(an_abandoned_attempt_gives_every_hit_back) {
    fail("192.0.2.1", alice, 4);
    for (int i = 0; i < 10; ++i) {
        BOOST_REQUIRE(!throttle.claim("192.0.2.1", alice).has_value());
        throttle.abandoned("192.0.2.1", alice);
    }
    BOOST_TEST(buckets.rows["login-ip-account|192.0.2.1|" + alice.pair].hits == 4u);
    BOOST_TEST(buckets.rows["login-ip|192.0.2.1"].hits == 4u);
    fail("192.0.2.1", alice, 1);
    BOOST_TEST(throttle.claim("192.0.2.1", alice).has_value());
}

BOOST_AUTO_TEST_CASE(an_account_attacked_from_many_addresses_locks_after_its_own_limit) {
    const auto by_id = LoginThrottle::for_sign_in(7, "alice");
    for (int i = 0; i < 50; ++i)
        fail("198.51.100." + std::to_string(i), by_id, 1);
    for (int i = 50; i < 100; ++i)
        fail("198.51.100." + std::to_string(i), LoginThrottle::for_sign_in(7, "a@example.com"), 1);
    BOOST_TEST(throttle.claim("203.0.113.7", by_id).has_value());
    BOOST_TEST(!throttle.claim("203.0.113.7", bob).has_value());
}

BOOST_AUTO_TEST_CASE(strangers_running_out_the_accounts_count_do_not_lock_its_owner_out) {
    const auto by_id = LoginThrottle::for_sign_in(7, "alice");
    BOOST_REQUIRE(!throttle.claim("192.0.2.1", by_id).has_value());
    throttle.succeeded("192.0.2.1", by_id);  // the owner's usual address
    clock.advance(std::chrono::hours(24));
    for (int i = 0; i < 100; ++i)
        fail("198.51.100." + std::to_string(i), by_id, 1);
    BOOST_TEST(throttle.claim("203.0.113.7", by_id).has_value());  // a stranger: locked
    BOOST_TEST(!throttle.claim("192.0.2.1", by_id).has_value());   // the owner's address: not
    // Known for 30 days from the first success, then it has to sign in anew.
    clock.advance(std::chrono::hours(24 * 29));
    for (int i = 0; i < 100; ++i)
        fail("198.51.101." + std::to_string(i), by_id, 1);
    BOOST_TEST(throttle.claim("192.0.2.1", by_id).has_value());
}

BOOST_AUTO_TEST_CASE(an_address_is_known_only_once_the_sign_in_is_complete) {
    const auto by_id = LoginThrottle::for_sign_in(7, "alice");
    BOOST_REQUIRE(!throttle.claim("192.0.2.1", by_id).has_value());
    throttle.succeeded("192.0.2.1", by_id, false);  // right password, second factor pending
    BOOST_TEST(buckets.rows.count("login-known|192.0.2.1|id:7") == 0u);
    throttle.remember_address("192.0.2.1", by_id);  // the checkpoint passed
    BOOST_TEST(buckets.rows.count("login-known|192.0.2.1|id:7") == 1u);
    // Each known address has its own count: one running it out leaves the others alone.
    BOOST_REQUIRE(!throttle.claim("192.0.2.2", by_id).has_value());
    throttle.succeeded("192.0.2.2", by_id);
    for (int i = 0; i < 100; ++i)
        fail("198.51.100." + std::to_string(i), by_id, 1);
    for (int i = 0; i < 20; ++i) {
        fail("192.0.2.1", by_id, 5);
        clock.advance(std::chrono::minutes(1));
    }
    BOOST_TEST(throttle.claim("192.0.2.1", by_id).has_value());
    BOOST_TEST(!throttle.claim("192.0.2.2", by_id).has_value());
}

BOOST_AUTO_TEST_CASE(without_known_addresses_the_owner_is_locked_out_too) {
    LoginThrottle plain{buckets, clock, services::LoginLimits{5, 60, 100, 3600, 30, 60, 0}};
    const auto by_id = LoginThrottle::for_sign_in(7, "alice");
    BOOST_REQUIRE(!plain.claim("192.0.2.1", by_id).has_value());
    plain.succeeded("192.0.2.1", by_id);
    for (int i = 0; i < 100; ++i)
        BOOST_REQUIRE(!plain.claim("198.51.100." + std::to_string(i), by_id).has_value());
    BOOST_TEST(plain.claim("192.0.2.1", by_id).has_value());
    BOOST_TEST(buckets.rows.count("login-known|192.0.2.1|id:7") == 0u);
}

BOOST_AUTO_TEST_CASE(one_address_trying_many_accounts_locks_after_the_address_limit) {
    for (int i = 0; i < 30; ++i)
        fail("192.0.2.9", someone(i), 1);
    BOOST_TEST(throttle.claim("192.0.2.9", someone(99)).has_value());
    BOOST_TEST(!throttle.claim("192.0.2.10", someone(99)).has_value());
}

BOOST_AUTO_TEST_CASE(a_success_clears_the_pair_and_gives_back_its_claim) {
    fail("192.0.2.1", alice, 4);
    BOOST_REQUIRE(!throttle.claim("192.0.2.1", alice).has_value());
    throttle.succeeded("192.0.2.1", alice);
    fail("192.0.2.1", alice, 5);
    BOOST_TEST(throttle.claim("192.0.2.1", alice).has_value());
    // Nine failures; the success was given back and the refused attempt counted nothing. The
    // address is known to the account since the success, so its later failures count apart.
    BOOST_TEST(buckets.rows["login-account|" + alice.account].hits == 4u);
    BOOST_TEST(buckets.rows["login-account-known|192.0.2.1|" + alice.account].hits == 5u);
    BOOST_TEST(buckets.rows["login-ip|192.0.2.1"].hits == 9u);
}

BOOST_AUTO_TEST_CASE(refused_attempts_never_bring_a_lock_out_closer) {
    const auto by_id = LoginThrottle::for_sign_in(7, "alice");
    fail("192.0.2.1", by_id, 5);
    // One address hammering past its pair limit does not use up the account's hour.
    for (int i = 0; i < 500; ++i)
        BOOST_REQUIRE(throttle.claim("192.0.2.1", by_id).has_value());
    BOOST_TEST(buckets.rows["login-account|" + by_id.account].hits == 5u);
    BOOST_TEST(!throttle.claim("192.0.2.2", by_id).has_value());
}

BOOST_AUTO_TEST_CASE(successes_alone_never_lock_an_address_out) {
    for (int i = 0; i < 100; ++i) {
        BOOST_REQUIRE(!throttle.claim("192.0.2.1", someone(i)).has_value());
        throttle.succeeded("192.0.2.1", someone(i));
    }
    BOOST_TEST(!throttle.claim("192.0.2.1", alice).has_value());
}

BOOST_AUTO_TEST_CASE(other_secrets_than_the_password_never_make_an_address_known) {
    const auto checkpoint = LoginThrottle::for_account("checkpoint|7");
    BOOST_REQUIRE(!throttle.claim("192.0.2.1", checkpoint).has_value());
    throttle.succeeded("192.0.2.1", checkpoint);
    for (const auto& [name, window] : buckets.rows)
        BOOST_TEST(!name.starts_with("login-known|"), name);
}

BOOST_AUTO_TEST_CASE(a_guess_at_no_account_only_counts_against_the_address) {
    fail("192.0.2.1", LoginThrottle::for_account(""), 10);
    BOOST_TEST(buckets.rows.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
