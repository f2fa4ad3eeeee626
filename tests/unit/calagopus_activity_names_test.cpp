#include <boost/test/unit_test.hpp>

#include "handlers/calagopus/activity_names.hpp"

using namespace accountd;
using handlers::calagopus::calagopus_event_name;

BOOST_AUTO_TEST_SUITE(calagopus_activity_names)

BOOST_AUTO_TEST_CASE(stored_names_read_as_calagopus_names_and_unknown_ones_as_stored) {
    BOOST_TEST(calagopus_event_name("user:account.update") == "account:update");
    BOOST_TEST(calagopus_event_name("user:account.email-changed") == "account:email-changed");
    BOOST_TEST(calagopus_event_name("user:account.password-changed") == "account:password-changed");
    BOOST_TEST(calagopus_event_name("user:account.avatar-update") == "account:update-avatar");
    BOOST_TEST(calagopus_event_name("user:account.avatar-delete") == "account:delete-avatar");
    BOOST_TEST(calagopus_event_name("user:two-factor.create") == "account:two-factor.enable");
    BOOST_TEST(calagopus_event_name("user:two-factor.delete") == "account:two-factor.disable");
    BOOST_TEST(calagopus_event_name("user:api-key.create") == "api-key:create");
    BOOST_TEST(calagopus_event_name("user:api-key.update") == "user:api-key.update");
    BOOST_TEST(calagopus_event_name("user:api-key.delete") == "api-key:delete");
    BOOST_TEST(calagopus_event_name("user:api-key.recreate") == "api-key:recreate");
    BOOST_TEST(calagopus_event_name("user:ssh-key.create") == "ssh-key:create");
    BOOST_TEST(calagopus_event_name("user:ssh-key.import") == "ssh-key:import");
    BOOST_TEST(calagopus_event_name("user:ssh-key.update") == "ssh-key:update");
    BOOST_TEST(calagopus_event_name("user:ssh-key.delete") == "ssh-key:delete");
    BOOST_TEST(calagopus_event_name("user:session.delete") == "session:delete");
    BOOST_TEST(calagopus_event_name("user:session.delete-all") == "session:delete-all");
    BOOST_TEST(calagopus_event_name("auth:success") == "auth:success");
    BOOST_TEST(calagopus_event_name("auth:checkpoint") == "auth:checkpoint");
    BOOST_TEST(calagopus_event_name("custom:thing") == "custom:thing");
}

BOOST_AUTO_TEST_CASE(a_search_matches_renamed_events_by_the_name_shown) {
    services::ActivityQuery q;
    handlers::calagopus::match_calagopus_name(q, "Avatar");
    BOOST_TEST((q.event_in == std::vector<std::string>{"user:account.avatar-update",
                                                       "user:account.avatar-delete"}));
    BOOST_TEST((q.event_contains == std::vector<std::string>{"Avatar"}));
    BOOST_TEST(q.contains_skips.size() == 17u);
}

BOOST_AUTO_TEST_SUITE_END()
