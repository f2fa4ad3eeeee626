#pragma once
// The HousekeepingRepository contract (services/housekeeping.hpp): each delete takes only rows
// past their time (sessions and pending sign-ins at their expiry, throttle windows at their end,
// activity strictly before the cutoff), at most `limit` of them, and says how many it took.
// Rows are made and observed through the other repositories, as the services see them.
// See contract/contract.hpp.

#include "contract/contract.hpp"
#include "services/activity.hpp"
#include "services/housekeeping.hpp"
#include "services/session_repository.hpp"
#include "services/throttle.hpp"
#include "services/two_factor.hpp"

namespace accountd::contract::housekeeping_repository {

using namespace std::chrono_literals;

inline constexpr services::Timestamp kNow{std::chrono::seconds(1'800'000'000)};

template <typename World>
void session_ending(World& world, std::uint64_t user, const std::string& token,
                    std::chrono::seconds from_now) {
    const auto name = world.unique("");
    services::Session s;
    s.public_id = "00000000-0000-4000-8000-" +
                  std::string(12 - std::min<std::size_t>(12, name.size()), '0') +
                  name.substr(0, 12);
    s.user_id = user;
    s.dialect = "pterodactyl";
    s.ip = "127.0.0.1";
    s.created_at = kNow - 3600s;
    s.last_used_at = s.created_at;
    s.expires_at = kNow + from_now;
    world.sessions.insert(s, digest(token));
}

template <typename World>
void pending_ending(World& world, std::uint64_t user, const std::string& token,
                    std::chrono::seconds from_now) {
    services::PendingLogin p;
    p.user_id = user;
    p.dialect = "pterodactyl";
    p.expires_at = kNow + from_now;
    world.two_factor.insert_pending(digest(token), p);
}

template <typename World>
void activity_at(World& world, std::uint64_t user, const std::string& event,
                 std::chrono::seconds from_now) {
    services::ActivityEntry e;
    e.event = event;
    e.ip = "127.0.0.1";
    e.subject_user_id = user;
    e.created_at = kNow + from_now;
    world.activity.insert(e);
}

template <typename World>
std::uint64_t activity_total(World& world, std::uint64_t user) {
    return world.activity.list({user, {}, true, 100, 0, {}, {}}).total;
}

BOOST_AUTO_TEST_SUITE(housekeeping_repository_contract)

BOOST_AUTO_TEST_CASE_TEMPLATE(sessions_go_at_their_expiry_and_not_before, World, Worlds) {
    World world;
    services::HousekeepingRepository& housekeeping = world.housekeeping;
    const auto user = world.make_user("hk");
    session_ending(world, user, "past", -10s);
    session_ending(world, user, "now", 0s);
    session_ending(world, user, "future", 10s);
    BOOST_TEST(housekeeping.delete_expired_sessions(kNow, 100) == 2u);
    BOOST_TEST(!world.sessions.find_by_token_hash(digest("past")).has_value());
    BOOST_TEST(!world.sessions.find_by_token_hash(digest("now")).has_value());
    BOOST_TEST(world.sessions.find_by_token_hash(digest("future")).has_value());
    BOOST_TEST(housekeeping.delete_expired_sessions(kNow, 100) == 0u);  // nothing left to do
}

BOOST_AUTO_TEST_CASE_TEMPLATE(pending_sign_ins_go_at_their_expiry_and_not_before, World, Worlds) {
    World world;
    services::HousekeepingRepository& housekeeping = world.housekeeping;
    const auto user = world.make_user("hk");
    pending_ending(world, user, "past", -1s);
    pending_ending(world, user, "now", 0s);
    pending_ending(world, user, "future", 60s);
    BOOST_TEST(housekeeping.delete_expired_pending_logins(kNow, 100) == 2u);
    BOOST_TEST(!world.two_factor.find_pending(digest("past")).has_value());
    BOOST_TEST(!world.two_factor.find_pending(digest("now")).has_value());
    BOOST_TEST(world.two_factor.find_pending(digest("future")).has_value());
    BOOST_TEST(housekeeping.delete_expired_pending_logins(kNow, 100) == 0u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(throttle_windows_go_once_they_have_ended, World, Worlds) {
    World world;
    services::HousekeepingRepository& housekeeping = world.housekeeping;
    services::ThrottleRepository& buckets = world.throttle;
    buckets.hit("ended", 60, kNow - 120s);
    buckets.hit("ends now", 60, kNow - 60s);
    buckets.hit("running", 60, kNow - 30s);
    buckets.hit("running", 60, kNow - 20s);
    BOOST_TEST(housekeeping.delete_ended_throttle_windows(kNow, 100) == 2u);
    BOOST_TEST(housekeeping.delete_ended_throttle_windows(kNow, 100) == 0u);
    BOOST_TEST(buckets.running("running", kNow));
    BOOST_TEST(buckets.hit("running", 60, kNow).hits == 3u);  // its count was kept
}

BOOST_AUTO_TEST_CASE_TEMPLATE(activity_goes_strictly_before_the_cutoff, World, Worlds) {
    World world;
    services::HousekeepingRepository& housekeeping = world.housekeeping;
    const auto user = world.make_user("hk");
    activity_at(world, user, "old", -91 * 24h);
    activity_at(world, user, "at the cutoff", -90 * 24h);
    activity_at(world, user, "recent", -89 * 24h);
    BOOST_TEST(housekeeping.delete_activity_before(kNow - 90 * 24h, 100) == 1u);
    const auto left = world.activity.list({user, {}, false, 100, 0, {}, {}});
    BOOST_REQUIRE(left.entries.size() == 2u);
    BOOST_TEST(left.entries[0].event == "at the cutoff");
    BOOST_TEST(left.entries[1].event == "recent");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_run_deletes_at_most_its_limit, World, Worlds) {
    World world;
    services::HousekeepingRepository& housekeeping = world.housekeeping;
    const auto user = world.make_user("hk");
    for (int i = 0; i < 7; ++i)
        activity_at(world, user, "auth:success", -std::chrono::seconds(100 + i));
    BOOST_TEST(housekeeping.delete_activity_before(kNow, 5) == 5u);
    BOOST_TEST(activity_total(world, user) == 2u);
    BOOST_TEST(housekeeping.delete_activity_before(kNow, 5) == 2u);
    BOOST_TEST(activity_total(world, user) == 0u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(every_delete_keeps_to_its_limit, World, Worlds) {
    World world;
    services::HousekeepingRepository& housekeeping = world.housekeeping;
    const auto user = world.make_user("hk");
    for (int i = 0; i < 3; ++i) {
        session_ending(world, user, "s" + std::to_string(i), -std::chrono::seconds(1 + i));
        pending_ending(world, user, "p" + std::to_string(i), -std::chrono::seconds(1 + i));
        world.throttle.hit("b" + std::to_string(i), 60, kNow - 120s);
    }
    BOOST_TEST(housekeeping.delete_expired_sessions(kNow, 2) == 2u);
    BOOST_TEST(housekeeping.delete_expired_sessions(kNow, 2) == 1u);
    BOOST_TEST(housekeeping.delete_expired_pending_logins(kNow, 2) == 2u);
    BOOST_TEST(housekeeping.delete_expired_pending_logins(kNow, 2) == 1u);
    BOOST_TEST(housekeeping.delete_ended_throttle_windows(kNow, 2) == 2u);
    BOOST_TEST(housekeeping.delete_ended_throttle_windows(kNow, 2) == 1u);
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST(!world.sessions.find_by_token_hash(digest("s" + std::to_string(i))));
        BOOST_TEST(!world.two_factor.find_pending(digest("p" + std::to_string(i))));
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(with_nothing_due_nothing_is_deleted, World, Worlds) {
    World world;
    services::HousekeepingRepository& housekeeping = world.housekeeping;
    const auto user = world.make_user("hk");
    session_ending(world, user, "s", 3600s);
    pending_ending(world, user, "p", 300s);
    world.throttle.hit("b", 60, kNow);
    activity_at(world, user, "auth:success", -1s);
    BOOST_TEST(housekeeping.delete_expired_sessions(kNow, 100) == 0u);
    BOOST_TEST(housekeeping.delete_expired_pending_logins(kNow, 100) == 0u);
    BOOST_TEST(housekeeping.delete_ended_throttle_windows(kNow, 100) == 0u);
    BOOST_TEST(housekeeping.delete_activity_before(kNow - 24h, 100) == 0u);
    BOOST_TEST(world.sessions.find_by_token_hash(digest("s")).has_value());
    BOOST_TEST(world.two_factor.find_pending(digest("p")).has_value());
    BOOST_TEST(activity_total(world, user) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace accountd::contract::housekeeping_repository
