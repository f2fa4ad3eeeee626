#pragma once
// The ThrottleRepository contract (services/throttle.hpp): fixed windows per bucket. A hit in a
// running window counts up without moving its end; the first hit at or after the end starts a
// new window of the hit's length; release takes one back from a running window, never below
// zero; clear forgets the bucket. See contract/contract.hpp.

#include "contract/contract.hpp"
#include "services/throttle.hpp"

namespace accountd::contract::throttle_repository {

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(throttle_repository_contract)

BOOST_AUTO_TEST_CASE_TEMPLATE(hits_count_up_in_a_window_start_again_after_it_and_can_be_given_back,
                              World, Worlds) {
    World world;
    services::ThrottleRepository& buckets = world.throttle;
    BOOST_TEST(buckets.hit("b", 60, kT0).hits == 1u);
    const auto second = buckets.hit("b", 60, kT0 + 10s);
    BOOST_TEST(second.hits == 2u);
    BOOST_TEST((second.ends == kT0 + 60s));  // a hit does not move the end
    buckets.release("b", kT0 + 20s);
    BOOST_TEST(buckets.hit("b", 60, kT0 + 30s).hits == 2u);
    const auto fresh = buckets.hit("b", 60, kT0 + 60s);
    BOOST_TEST(fresh.hits == 1u);
    BOOST_TEST((fresh.ends == kT0 + 120s));
    buckets.release("b", kT0 + 61s);
    buckets.release("b", kT0 + 61s);  // never below zero
    BOOST_TEST(buckets.hit("b", 60, kT0 + 62s).hits == 1u);
    BOOST_TEST(buckets.running("b", kT0 + 62s));
    BOOST_TEST(!buckets.running("b", kT0 + 120s));
    BOOST_TEST(!buckets.running("never hit", kT0));
    buckets.clear("b");
    BOOST_TEST(!buckets.running("b", kT0 + 62s));
    BOOST_TEST(buckets.hit("b", 60, kT0 + 63s).hits == 1u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(the_first_hit_starts_a_window_of_its_own_length, World, Worlds) {
    World world;
    services::ThrottleRepository& buckets = world.throttle;
    const auto first = buckets.hit("b", 3600, kT0);
    BOOST_TEST(first.hits == 1u);
    BOOST_TEST((first.ends == kT0 + 3600s));
    // A later hit with another length keeps the running window as it is.
    const auto second = buckets.hit("b", 60, kT0 + 10s);
    BOOST_TEST(second.hits == 2u);
    BOOST_TEST((second.ends == kT0 + 3600s));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_window_is_running_until_just_before_its_end, World, Worlds) {
    World world;
    services::ThrottleRepository& buckets = world.throttle;
    buckets.hit("b", 60, kT0);
    BOOST_TEST(buckets.running("b", kT0));
    BOOST_TEST(buckets.running("b", kT0 + 59s));
    BOOST_TEST(!buckets.running("b", kT0 + 60s));
    BOOST_TEST(buckets.hit("b", 60, kT0 + 59s).hits == 2u);  // the last second still counts
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_hit_after_a_long_pause_starts_from_one, World, Worlds) {
    World world;
    services::ThrottleRepository& buckets = world.throttle;
    for (int i = 0; i < 5; ++i)
        buckets.hit("b", 60, kT0 + std::chrono::seconds(i));
    const auto later = buckets.hit("b", 60, kT0 + 86400s);
    BOOST_TEST(later.hits == 1u);
    BOOST_TEST((later.ends == kT0 + 86460s));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_release_after_the_window_ended_gives_nothing_to_the_next_one, World,
                              Worlds) {
    World world;
    services::ThrottleRepository& buckets = world.throttle;
    buckets.hit("b", 60, kT0);
    buckets.hit("b", 60, kT0 + 1s);
    buckets.release("b", kT0 + 60s);  // the window has ended: nothing to give back
    BOOST_TEST(buckets.hit("b", 60, kT0 + 61s).hits == 1u);
    buckets.hit("b", 60, kT0 + 62s);
    buckets.release("b", kT0 + 63s);
    BOOST_TEST(buckets.hit("b", 60, kT0 + 64s).hits == 2u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(releasing_or_clearing_an_unknown_bucket_does_nothing, World, Worlds) {
    World world;
    services::ThrottleRepository& buckets = world.throttle;
    buckets.release("never hit", kT0);
    buckets.clear("never hit");
    BOOST_TEST(!buckets.running("never hit", kT0));
    BOOST_TEST(buckets.hit("never hit", 60, kT0).hits == 1u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(buckets_are_counted_apart, World, Worlds) {
    World world;
    services::ThrottleRepository& buckets = world.throttle;
    buckets.hit("login-ip|192.0.2.1", 60, kT0);
    buckets.hit("login-ip|192.0.2.1", 60, kT0);
    BOOST_TEST(buckets.hit("login-ip|192.0.2.2", 60, kT0).hits == 1u);
    BOOST_TEST(buckets.hit("LOGIN-IP|192.0.2.1", 60, kT0).hits == 1u);  // names are exact
    buckets.clear("login-ip|192.0.2.2");
    BOOST_TEST(buckets.hit("login-ip|192.0.2.1", 60, kT0).hits == 3u);
    buckets.release("login-ip|192.0.2.2", kT0);
    BOOST_TEST(buckets.hit("login-ip|192.0.2.1", 60, kT0).hits == 4u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace accountd::contract::throttle_repository
