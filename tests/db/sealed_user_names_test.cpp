// First and last names are personal data: the users table holds them sealed (never in clear
// text), every query that reads users opens them, a box copied to another user's row reads as
// empty, and a row written before sealing still reads as it was typed.

#include <boost/test/unit_test.hpp>

#include "db/mysql_user_repository.hpp"
#include "db_fixture.hpp"

namespace accountd::testing {
namespace {

struct NamesFixture : DbFixture {
    db::MysqlUserRepository users{database};

    std::uint64_t make_named(const std::string& first, const std::string& last) {
        services::User u;
        u.uuid = crypto::random_uuid_v4(random);
        u.username = unique("n");
        u.email = u.username + "@example.com";
        u.name_first = first;
        u.name_last = last;
        u.created_at = services::Timestamp(std::chrono::seconds(1'700'000'000));
        u.updated_at = u.created_at;
        return users.insert(u);
    }

    // The raw bytes of both columns, as a database reader sees them.
    std::string raw_names(std::uint64_t id) {
        std::string first;
        std::string last;
        const long long user_id = static_cast<long long>(id);
        database.sql() << "SELECT name_first, name_last FROM users WHERE id = :id",
            soci::into(first), soci::into(last), soci::use(user_id);
        return first + "|" + last;
    }
};

BOOST_FIXTURE_TEST_SUITE(sealed_user_names, NamesFixture)

BOOST_AUTO_TEST_CASE(names_are_stored_sealed_and_read_open) {
    const auto id = make_named("Adelheid", "Lovelacewitz");
    const auto raw = raw_names(id);
    BOOST_TEST(raw.find("Adelheid") == std::string::npos);
    BOOST_TEST(raw.find("Lovelacewitz") == std::string::npos);
    const auto user = users.find_by_id(id);
    BOOST_REQUIRE(user);
    BOOST_TEST(user->name_first == "Adelheid");
    BOOST_TEST(user->name_last == "Lovelacewitz");
}

BOOST_AUTO_TEST_CASE(a_changed_name_is_sealed_too) {
    const auto id = make_named("Old", "Name");
    services::ProfileChanges changes;
    changes.name_first = "Gwendolyn";
    users.update_profile(id, changes, services::Timestamp(std::chrono::seconds(1'700'000'100)));
    BOOST_TEST(raw_names(id).find("Gwendolyn") == std::string::npos);
    const auto user = users.find_by_id(id);
    BOOST_REQUIRE(user);
    BOOST_TEST(user->name_first == "Gwendolyn");
    BOOST_TEST(user->name_last == "Name");
}

BOOST_AUTO_TEST_CASE(a_box_copied_to_another_user_reads_as_empty) {
    const auto victim = make_named("Secretia", "Person");
    const auto other = make_named("Mallory", "Copier");
    const long long from = static_cast<long long>(victim);
    const long long to = static_cast<long long>(other);
    database.sql() << "UPDATE users u JOIN users v ON v.id = :from "
                      "SET u.name_first = v.name_first WHERE u.id = :to",
        soci::use(from), soci::use(to);
    const auto user = users.find_by_id(other);
    BOOST_REQUIRE(user);
    BOOST_TEST(user->name_first.empty());
    BOOST_TEST(user->name_last == "Copier");
}

BOOST_AUTO_TEST_CASE(a_name_stored_before_sealing_reads_as_typed) {
    const auto id = make_named("", "");
    const long long user_id = static_cast<long long>(id);
    database.sql() << "UPDATE users SET name_first = 'Legacy', name_last = 'Row' WHERE id = :id",
        soci::use(user_id);
    const auto user = users.find_by_id(id);
    BOOST_REQUIRE(user);
    BOOST_TEST(user->name_first == "Legacy");
    BOOST_TEST(user->name_last == "Row");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace accountd::testing
