#include "db/mysql_activity_repository.hpp"
#include "db/mysql_user_repository.hpp"
#include "db_fixture.hpp"

using namespace accountd;
using namespace std::chrono_literals;

namespace {

struct ActivityFixture : testing::DbFixture {
    db::MysqlUserRepository users{database};
    db::MysqlActivityRepository activity{database};
    std::uint64_t owner = 0;
    std::uint64_t other = 0;

    ActivityFixture() {
        owner = make_user();
        other = make_user();
    }

    void add(const std::string& event, std::optional<std::uint64_t> actor, std::uint64_t subject,
             int second) {
        services::ActivityEntry e;
        e.event = event;
        e.ip = "192.0.2.1";
        e.actor_id = actor;
        e.subject_user_id = subject;
        e.properties_json = R"({"ip":"192.0.2.1"})";
        e.created_at = services::Timestamp(std::chrono::seconds(1'700'000'000 + second));
        activity.insert(e);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(activity_repository, ActivityFixture)

BOOST_AUTO_TEST_CASE(only_the_subjects_events_are_listed_newest_first_with_their_actor) {
    add("auth:success", owner, owner, 1);
    add("auth:fail", std::nullopt, owner, 2);
    add("auth:success", other, other, 3);
    const auto page = activity.list({owner, {}, true, 25, 0});
    BOOST_TEST(page.total == 2u);
    BOOST_REQUIRE(page.entries.size() == 2u);
    BOOST_TEST(page.entries[0].event == "auth:fail");
    BOOST_TEST(!page.entries[0].actor.has_value());
    BOOST_TEST(!page.entries[0].actor_id.has_value());
    BOOST_TEST(page.entries[1].actor->id == owner);
    BOOST_TEST(page.entries[1].properties_json == R"({"ip":"192.0.2.1"})");
    BOOST_TEST(activity.list({owner, {}, false, 25, 0}).entries[0].event == "auth:success");
}

BOOST_AUTO_TEST_CASE(event_filters_are_case_insensitive_substrings_ored_with_literal_wildcards) {
    add("auth:success", owner, owner, 1);
    add("user:account.email-changed", owner, owner, 2);
    add("user:account.password-changed", owner, owner, 3);
    BOOST_TEST(activity.list({owner, {"EMAIL"}, true, 25, 0}).total == 1u);
    BOOST_TEST(activity.list({owner, {"email", "auth"}, true, 25, 0}).total == 2u);
    BOOST_TEST(activity.list({owner, {"%"}, true, 25, 0}).total == 0u);
    BOOST_TEST(activity.list({owner, {"_"}, true, 25, 0}).total == 0u);
    BOOST_TEST(activity.list({owner, {"' OR 1=1 --"}, true, 25, 0}).total == 0u);
}

BOOST_AUTO_TEST_CASE(pages_are_limited_and_offset_while_the_total_counts_all) {
    for (int i = 0; i < 7; ++i)
        add("auth:success", owner, owner, i);
    const auto second = activity.list({owner, {}, true, 3, 3});
    BOOST_TEST(second.total == 7u);
    BOOST_TEST(second.entries.size() == 3u);
    BOOST_TEST(activity.list({owner, {}, true, 3, 6}).entries.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
