#include "db/mysql_user_repository.hpp"
#include "db_fixture.hpp"

using namespace accountd;
using namespace std::chrono_literals;

namespace {

services::User sample_user(const std::string& name) {
    services::User u;
    u.uuid = "00000000-0000-4000-8000-" +
             std::string(12 - std::min<std::size_t>(12, name.size()), '0') + name.substr(0, 12);
    u.username = name;
    u.email = name + "@example.com";
    u.name_first = "Zoë";
    u.name_last = "Ünicode";
    u.password_hash = "$argon2id$v=19$m=19456,t=2,p=1,keyid=p1$c2FsdA$aGFzaA";
    u.created_at = services::Timestamp(1'700'000'000s);
    u.updated_at = u.created_at;
    return u;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(user_repository, testing::DbFixture)

BOOST_AUTO_TEST_CASE(an_inserted_user_reads_back_by_id_username_and_email) {
    db::MysqlUserRepository users(database);
    const auto name = unique("u");
    const auto id = users.insert(sample_user(name));
    const auto by_id = users.find_by_id(id);
    BOOST_REQUIRE(by_id.has_value());
    BOOST_TEST(by_id->username == name);
    BOOST_TEST(by_id->name_first == "Zoë");
    BOOST_TEST(by_id->password_hash.value().starts_with("$argon2id$"));
    BOOST_TEST((by_id->created_at == services::Timestamp(1'700'000'000s)));
    BOOST_TEST(by_id->language == "en");
    BOOST_TEST(!by_id->root_admin);
    BOOST_TEST(!by_id->role.has_value());
    BOOST_TEST(users.find_by_username(name)->id == id);
    BOOST_TEST(users.find_by_email(name + "@example.com")->id == id);
}

BOOST_AUTO_TEST_CASE(lookups_ignore_case_as_the_panels_do) {
    db::MysqlUserRepository users(database);
    const auto name = unique("u");
    const auto id = users.insert(sample_user(name));
    std::string upper = name;
    for (char& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    BOOST_TEST(users.find_by_username(upper)->id == id);
    BOOST_TEST(users.find_by_email(upper + "@EXAMPLE.COM")->id == id);
}

BOOST_AUTO_TEST_CASE(unknown_users_are_not_found) {
    db::MysqlUserRepository users(database);
    BOOST_TEST(!users.find_by_id(987654321).has_value());
    BOOST_TEST(!users.find_by_username("nobody-here").has_value());
    BOOST_TEST(!users.find_by_email("' OR '1'='1").has_value());
}

BOOST_AUTO_TEST_CASE(a_taken_username_or_email_is_a_duplicate) {
    db::MysqlUserRepository users(database);
    const auto name = unique("u");
    users.insert(sample_user(name));
    auto same_name = sample_user(name);
    same_name.uuid = "00000000-0000-4000-8000-aaaaaaaaaaaa";
    same_name.email = "other-" + name + "@example.com";
    BOOST_CHECK_THROW(users.insert(same_name), services::DuplicateUser);
    auto same_email = sample_user(unique("v"));
    same_email.email = name + "@EXAMPLE.com";
    BOOST_CHECK_THROW(users.insert(same_email), services::DuplicateUser);
}

BOOST_AUTO_TEST_CASE(a_user_without_password_and_with_a_role_round_trips) {
    db::MysqlUserRepository users(database);
    auto u = sample_user(unique("u"));
    u.password_hash.reset();
    u.role = "rootAdmin";
    u.root_admin = true;
    const auto id = users.insert(u);
    const auto back = users.find_by_id(id);
    BOOST_TEST(!back->password_hash.has_value());
    BOOST_TEST(back->role.value() == "rootAdmin");
    BOOST_TEST(back->root_admin);
}

BOOST_AUTO_TEST_CASE(the_password_hash_can_be_replaced) {
    db::MysqlUserRepository users(database);
    const auto id = users.insert(sample_user(unique("u")));
    users.update_password_hash(id, "$argon2id$new", services::Timestamp(1'800'000'000s));
    const auto back = users.find_by_id(id);
    BOOST_TEST(back->password_hash.value() == "$argon2id$new");
    BOOST_TEST((back->updated_at == services::Timestamp(1'800'000'000s)));
}

BOOST_AUTO_TEST_SUITE_END()
