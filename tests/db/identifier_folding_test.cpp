// Identifiers folded by the real collation (item: per-account throttles keyed on what MariaDB
// matches, not on ASCII lowercasing): every spelling utf8mb4_unicode_ci finds an account by
// folds alike, so it is counted in one bucket whether the account exists or not.

#include "db/mysql_throttle_repository.hpp"
#include "db_fixture.hpp"
#include "services/throttle.hpp"

using namespace accountd;

namespace {

class FixedClock final : public services::Clock {
  public:
    services::Timestamp now() const override {
        return services::Timestamp(std::chrono::seconds(1'700'000'000));
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(identifier_folding, testing::DbFixture)

BOOST_AUTO_TEST_CASE(spellings_the_collation_matches_to_a_username_fold_alike) {
    db::MysqlUserRepository users(database);
    services::User u;
    u.uuid = crypto::random_uuid_v4(random);
    u.username = "alice";
    u.email = "alice@example.com";
    u.created_at = services::Timestamp(std::chrono::seconds(1'700'000'000));
    u.updated_at = u.created_at;
    const auto id = users.insert(u);
    const std::string folded = users.fold_identifier("alice");
    // What the lookup finds, the fold names alike: accents, case and fullwidth forms.
    for (const std::string spelling :
         {"Álice", "alicé", "ALICE",
          "\xef\xbd\x81\xef\xbd\x8c\xef\xbd\x89\xef\xbd\x83\xef\xbd\x85"}) {
        BOOST_TEST_INFO("spelling " << spelling);
        BOOST_TEST(users.find_by_username(spelling).value().id == id);
        BOOST_TEST(users.fold_identifier(spelling) == folded);
    }
    BOOST_TEST(users.fold_identifier("alicia") != folded);
}

BOOST_AUTO_TEST_CASE(an_unknown_name_cannot_escape_its_count_by_spelling_it_another_way) {
    db::MysqlUserRepository users(database);
    db::MysqlThrottleRepository buckets(database);
    FixedClock clock;
    services::LoginThrottle throttle(buckets, clock, services::LoginLimits{});
    const auto names = [&](const std::string& typed) {
        return services::LoginThrottle::for_sign_in(std::nullopt, users.fold_identifier(typed));
    };
    // Five guesses at one name that no account has, each spelt another way.
    for (const std::string spelling : {"bob", "BOB", "böb", "Bób", "\xef\xbd\x82ob"}) {
        BOOST_TEST_INFO("spelling " << spelling);
        BOOST_TEST(!throttle.claim("192.0.2.1", names(spelling)).has_value());
    }
    BOOST_TEST(throttle.claim("192.0.2.1", names("BÖB")).has_value());
    BOOST_TEST(!throttle.claim("192.0.2.1", names("carol")).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
