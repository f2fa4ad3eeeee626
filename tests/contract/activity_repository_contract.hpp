#pragma once
// The ActivityRepository contract (services/activity.hpp): a subject's events only, newest or
// oldest first, filtered by case-insensitive substrings (OR-ed, wildcards literal), paged by
// limit and offset with a total of every match, and each with its actor. See contract.hpp.

#include "contract/contract.hpp"
#include "services/activity.hpp"

namespace accountd::contract::activity_repository {

using namespace std::chrono_literals;

inline services::ActivityEntry entry(const std::string& event, std::optional<std::uint64_t> actor,
                                     std::uint64_t subject, int second) {
    services::ActivityEntry e;
    e.event = event;
    e.ip = "192.0.2.1";
    e.actor_id = actor;
    e.subject_user_id = subject;
    e.properties_json = R"({"ip":"192.0.2.1"})";
    e.created_at = kT0 + std::chrono::seconds(second);
    return e;
}

BOOST_AUTO_TEST_SUITE(activity_repository_contract)

BOOST_AUTO_TEST_CASE_TEMPLATE(only_the_subjects_events_are_listed_newest_first_with_their_actor,
                              World, Worlds) {
    World world;
    services::ActivityRepository& activity = world.activity;
    const auto owner = world.make_user();
    const auto other = world.make_user();
    activity.insert(entry("auth:success", owner, owner, 1));
    activity.insert(entry("auth:fail", std::nullopt, owner, 2));
    activity.insert(entry("auth:success", other, other, 3));
    const auto page = activity.list({owner, {}, true, 25, 0, {}, {}});
    BOOST_TEST(page.total == 2u);
    BOOST_REQUIRE(page.entries.size() == 2u);
    BOOST_TEST(page.entries[0].event == "auth:fail");
    BOOST_TEST(!page.entries[0].actor.has_value());
    BOOST_TEST(!page.entries[0].actor_id.has_value());
    BOOST_TEST(page.entries[1].actor.value().id == owner);
    BOOST_TEST(page.entries[1].properties_json == R"({"ip":"192.0.2.1"})");
    BOOST_TEST(activity.list({owner, {}, false, 25, 0, {}, {}}).entries[0].event == "auth:success");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_entry_reads_back_with_every_field_and_its_actors_row, World,
                              Worlds) {
    World world;
    services::ActivityRepository& activity = world.activity;
    const auto owner = world.make_user();
    const auto admin = world.make_user("admin");
    auto e = entry("user:api-key.create", admin, owner, 5);
    e.ip = "2001:db8::7";
    e.description = "made by an admin";
    e.api_key_id = 42;
    e.properties_json = R"({"identifier":"ptlc_x"})";
    activity.insert(e);
    const auto page = activity.list({owner, {}, true, 25, 0, {}, {}});
    BOOST_REQUIRE(page.entries.size() == 1u);
    const auto& back = page.entries[0];
    BOOST_TEST(back.id != 0u);
    BOOST_TEST(back.event == "user:api-key.create");
    BOOST_TEST(back.ip == "2001:db8::7");
    BOOST_TEST(back.description.value() == "made by an admin");
    BOOST_TEST(back.actor_id.value() == admin);
    BOOST_TEST(back.subject_user_id.value() == owner);
    BOOST_TEST(back.api_key_id.value() == 42u);
    BOOST_TEST(back.properties_json == R"({"identifier":"ptlc_x"})");
    BOOST_TEST((back.created_at == kT0 + 5s));
    BOOST_REQUIRE(back.actor.has_value());
    BOOST_TEST(back.actor.value().id == admin);
    BOOST_TEST(back.actor.value().username == world.users.find_by_id(admin).value().username);
    BOOST_TEST(activity.list({admin, {}, true, 25, 0, {}, {}}).total ==
               0u);  // actor is not subject
}

BOOST_AUTO_TEST_CASE_TEMPLATE(entries_are_ordered_by_when_they_were_recorded, World, Worlds) {
    World world;
    services::ActivityRepository& activity = world.activity;
    const auto owner = world.make_user();
    for (int i = 0; i < 4; ++i)
        activity.insert(entry("event:" + std::to_string(i), owner, owner, 10));  // same second
    const auto newest = activity.list({owner, {}, true, 25, 0, {}, {}}).entries;
    const auto oldest = activity.list({owner, {}, false, 25, 0, {}, {}}).entries;
    BOOST_REQUIRE(newest.size() == 4u);
    BOOST_REQUIRE(oldest.size() == 4u);
    for (std::size_t i = 0; i < 4; ++i) {
        BOOST_TEST(oldest[i].event == "event:" + std::to_string(i));
        BOOST_TEST(newest[i].event == "event:" + std::to_string(3 - i));
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(
    event_filters_are_case_insensitive_substrings_ored_with_literal_wildcards, World, Worlds) {
    World world;
    services::ActivityRepository& activity = world.activity;
    const auto owner = world.make_user();
    activity.insert(entry("auth:success", owner, owner, 1));
    activity.insert(entry("user:account.email-changed", owner, owner, 2));
    activity.insert(entry("user:account.password-changed", owner, owner, 3));
    BOOST_TEST(activity.list({owner, {"EMAIL"}, true, 25, 0, {}, {}}).total == 1u);
    BOOST_TEST(activity.list({owner, {"email", "auth"}, true, 25, 0, {}, {}}).total == 2u);
    BOOST_TEST(activity.list({owner, {"%"}, true, 25, 0, {}, {}}).total == 0u);
    BOOST_TEST(activity.list({owner, {"_"}, true, 25, 0, {}, {}}).total == 0u);
    BOOST_TEST(activity.list({owner, {"' OR 1=1 --"}, true, 25, 0, {}, {}}).total == 0u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(exact_names_match_besides_substrings_that_skip_renamed_names, World,
                              Worlds) {
    World world;
    services::ActivityRepository& activity = world.activity;
    const auto owner = world.make_user();
    activity.insert(entry("user:account.update", owner, owner, 1));
    activity.insert(entry("user:account.email-changed", owner, owner, 2));
    activity.insert(entry("custom:account-thing", owner, owner, 3));
    const auto query = [&](std::vector<std::string> contains, std::vector<std::string> skips,
                           std::vector<std::string> exact) {
        services::ActivityQuery q;
        q.subject_user_id = owner;
        q.event_contains = std::move(contains);
        q.contains_skips = std::move(skips);
        q.event_in = std::move(exact);
        return activity.list(q);
    };
    const std::vector<std::string> renamed = {"user:account.update", "user:account.email-changed"};
    // "account" as a dialect shows it: the renamed update (exact) and the unrenamed custom name.
    const auto page = query({"account"}, renamed, {"user:account.update"});
    BOOST_TEST(page.total == 2u);
    BOOST_REQUIRE(page.entries.size() == 2u);
    BOOST_TEST(page.entries[0].event == "custom:account-thing");
    BOOST_TEST(page.entries[1].event == "user:account.update");
    BOOST_TEST(query({}, renamed, {"user:account.email-changed"}).total == 1u);
    BOOST_TEST(query({"user:"}, renamed, {}).total == 0u);
    BOOST_TEST(query({"user:"}, {}, {}).total == 2u);
    BOOST_TEST(query({"nothing"}, renamed, {}).total == 0u);
    BOOST_TEST(query({}, {}, {}).total == 3u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_filter_character_that_is_a_wildcard_in_sql_matches_itself, World,
                              Worlds) {
    World world;
    services::ActivityRepository& activity = world.activity;
    const auto owner = world.make_user();
    activity.insert(entry("custom:100%_done\\x", owner, owner, 1));
    activity.insert(entry("custom:100xxdone", owner, owner, 2));
    const auto page = activity.list({owner, {"100%_"}, true, 25, 0, {}, {}});
    BOOST_TEST(page.total == 1u);
    BOOST_REQUIRE(page.entries.size() == 1u);
    BOOST_TEST(page.entries[0].event == "custom:100%_done\\x");
    BOOST_TEST(activity.list({owner, {"done\\x"}, true, 25, 0, {}, {}}).total == 1u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(pages_are_limited_and_offset_while_the_total_counts_all, World,
                              Worlds) {
    World world;
    services::ActivityRepository& activity = world.activity;
    const auto owner = world.make_user();
    for (int i = 0; i < 7; ++i)
        activity.insert(entry("auth:success", owner, owner, i));
    const auto second = activity.list({owner, {}, true, 3, 3, {}, {}});
    BOOST_TEST(second.total == 7u);
    BOOST_TEST(second.entries.size() == 3u);
    BOOST_TEST(activity.list({owner, {}, true, 3, 6, {}, {}}).entries.size() == 1u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(pages_follow_the_order_and_the_filter, World, Worlds) {
    World world;
    services::ActivityRepository& activity = world.activity;
    const auto owner = world.make_user();
    for (int i = 0; i < 6; ++i)
        activity.insert(entry((i % 2 == 0 ? "auth:success:" : "auth:fail:") + std::to_string(i),
                              owner, owner, i));
    const auto page = activity.list({owner, {"SUCCESS"}, false, 2, 1, {}, {}});
    BOOST_TEST(page.total == 3u);
    BOOST_REQUIRE(page.entries.size() == 2u);
    BOOST_TEST(page.entries[0].event == "auth:success:2");
    BOOST_TEST(page.entries[1].event == "auth:success:4");
    const auto past_the_end = activity.list({owner, {}, true, 25, 100, {}, {}});
    BOOST_TEST(past_the_end.total == 6u);
    BOOST_TEST(past_the_end.entries.empty());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_subject_without_events_has_an_empty_page, World, Worlds) {
    World world;
    services::ActivityRepository& activity = world.activity;
    const auto page = activity.list({world.make_user(), {}, true, 25, 0, {}, {}});
    BOOST_TEST(page.total == 0u);
    BOOST_TEST(page.entries.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace accountd::contract::activity_repository
