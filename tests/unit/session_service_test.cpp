#include <boost/test/unit_test.hpp>

#include "crypto/encoding.hpp"
#include "services/session_service.hpp"
#include "support/in_memory_repositories.hpp"
#include "test_support.hpp"

using namespace accountd;
using namespace std::chrono_literals;

namespace {

struct Fixture {
    testing::ManualClock clock;
    testing::CountingRandom random;
    testing::InMemoryUsers users;
    testing::InMemorySessions repo{users};
    services::SessionService sessions{repo, clock, random, std::string(32, 'k'),
                                      services::SessionPolicy{3600, 600, 60}};
    services::User user;

    Fixture() {
        services::User u;
        u.username = "alice";
        u.email = "a@example.com";
        user = u;
        user.id = users.insert(u);
    }

    services::IssuedSession start() {
        return sessions.start(user, "pterodactyl", "192.0.2.1", "curl",
                              [](const services::Session&, crypto::RandomSource& r) {
                                  return crypto::to_hex(r.bytes(32));
                              });
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(session_service, Fixture)

BOOST_AUTO_TEST_CASE(a_started_session_is_stored_only_as_a_token_hash) {
    const auto issued = start();
    BOOST_TEST(issued.token.size() == 64u);
    const auto& [row, hash] = repo.rows.begin()->second;
    BOOST_TEST(hash != issued.token);
    BOOST_TEST(hash == sessions.token_hash(issued.token));
    BOOST_TEST(row.public_id.size() == 36u);
    BOOST_TEST((row.expires_at == clock.now() + 3600s));
}

BOOST_AUTO_TEST_CASE(a_live_token_resumes_its_session_and_user) {
    const auto issued = start();
    const auto live = sessions.resume(issued.token, "192.0.2.1");
    BOOST_REQUIRE(live.has_value());
    BOOST_TEST(live->user.username == "alice");
    BOOST_TEST(!sessions.resume(issued.token + "x", "192.0.2.1").has_value());
    BOOST_TEST(!sessions.resume("", "192.0.2.1").has_value());
}

BOOST_AUTO_TEST_CASE(last_used_is_written_at_most_once_per_touch_interval) {
    const auto issued = start();
    clock.advance(30s);
    sessions.resume(issued.token, "192.0.2.1");
    BOOST_TEST(repo.touches == 0);
    clock.advance(30s);
    sessions.resume(issued.token, "192.0.2.7");
    BOOST_TEST(repo.touches == 1);
    BOOST_TEST(repo.rows.begin()->second.first.ip == "192.0.2.7");
    sessions.resume(issued.token, "192.0.2.7");
    BOOST_TEST(repo.touches == 1);
}

BOOST_AUTO_TEST_CASE(an_idle_session_expires_and_is_deleted) {
    const auto issued = start();
    clock.advance(599s);
    BOOST_TEST(sessions.resume(issued.token, "ip").has_value());
    clock.advance(600s);
    BOOST_TEST(!sessions.resume(issued.token, "ip").has_value());
    BOOST_TEST(repo.rows.empty());
}

BOOST_AUTO_TEST_CASE(activity_never_extends_a_session_past_its_absolute_lifetime) {
    const auto issued = start();
    for (int i = 0; i < 7; ++i) {
        clock.advance(500s);
        BOOST_TEST(sessions.resume(issued.token, "ip").has_value());
    }
    clock.advance(500s);  // 4000 s after start, past the 3600 s limit
    BOOST_TEST(!sessions.resume(issued.token, "ip").has_value());
}

BOOST_AUTO_TEST_CASE(ending_a_session_revokes_its_token) {
    const auto issued = start();
    sessions.end(sessions.resume(issued.token, "ip")->session);
    BOOST_TEST(!sessions.resume(issued.token, "ip").has_value());
}

BOOST_AUTO_TEST_CASE(a_user_can_only_end_their_own_session_by_public_id) {
    const auto issued = start();
    BOOST_TEST(!sessions.end_owned(issued.session.public_id, user.id + 1));
    BOOST_TEST(sessions.resume(issued.token, "ip").has_value());
    BOOST_TEST(sessions.end_owned(issued.session.public_id, user.id));
    BOOST_TEST(!sessions.resume(issued.token, "ip").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
