#include <boost/test/unit_test.hpp>

#include "services/auth_service.hpp"
#include "services/user_service.hpp"
#include "support/in_memory_repositories.hpp"
#include "test_support.hpp"

using namespace accountd;

namespace {

struct Fixture {
    testing::ManualClock clock;
    testing::CountingRandom random;
    testing::InMemoryUsers users;
    crypto::PasswordHasher hasher{crypto::Argon2Params{8192, 1, 1}, "pepper", random};
    services::PasswordPolicy policy{12, 128, {}};
    services::UserService user_service{users, hasher, random, clock, policy};
    services::AuthService auth{users, hasher, clock};

    services::User create(const std::string& username, const std::string& email) {
        return user_service.create(
            {username, email, "First", "Last", "correct horse battery", false});
    }
    services::LoginResult login(
        const std::string& who, const std::string& password,
        services::LoginIdentifier kind = services::LoginIdentifier::username_or_email) {
        return auth.login_with_password({who, password, kind});
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(auth_service, Fixture)

BOOST_AUTO_TEST_CASE(login_succeeds_by_username_or_email) {
    create("alice", "alice@example.com");
    BOOST_TEST(login("alice", "correct horse battery").user.has_value());
    BOOST_TEST(login("alice@example.com", "correct horse battery").user.has_value());
}

BOOST_AUTO_TEST_CASE(email_only_logins_do_not_match_usernames) {
    create("alice", "alice@example.com");
    BOOST_TEST(
        !login("alice", "correct horse battery", services::LoginIdentifier::email_only).user);
}

BOOST_AUTO_TEST_CASE(unknown_user_wrong_password_and_suspended_all_fail) {
    const auto alice = create("alice", "alice@example.com");
    BOOST_TEST(login("nobody", "correct horse battery").failure == "unknown_user");
    BOOST_TEST(login("alice", "wrong password here").failure == "bad_password");
    users.rows.at(alice.id).suspended = true;
    const auto suspended = login("alice", "correct horse battery");
    BOOST_TEST(!suspended.user.has_value());
    BOOST_TEST(suspended.failure == "suspended");
}

BOOST_AUTO_TEST_CASE(a_bcrypt_hash_is_replaced_by_argon2id_at_the_next_login) {
    const auto alice = create("alice", "alice@example.com");
    users.rows.at(alice.id).password_hash =
        testing::read_test_data("php_password_hashes.txt").at("bcrypt_2y");
    const auto result = login("alice", "correct horse battery staple");
    BOOST_REQUIRE(result.user.has_value());
    BOOST_TEST(users.rows.at(alice.id).password_hash->starts_with("$argon2id$"));
    BOOST_TEST(users.password_updates == 1);
    BOOST_TEST(login("alice", "correct horse battery staple").user.has_value());
    BOOST_TEST(users.password_updates == 1);
}

BOOST_AUTO_TEST_CASE(an_account_without_password_cannot_sign_in_with_one) {
    const auto alice = create("alice", "alice@example.com");
    users.rows.at(alice.id).password_hash.reset();
    BOOST_TEST(login("alice", "").failure == "no_password");
}

BOOST_AUTO_TEST_CASE(oversized_inputs_fail_without_lookup_errors) {
    create("alice", "alice@example.com");
    BOOST_TEST(!login(std::string(300, 'a'), "x").user);
    BOOST_TEST(!login("alice", std::string(2000, 'p')).user);
}

BOOST_AUTO_TEST_CASE(new_accounts_are_validated) {
    BOOST_CHECK_THROW(create("Bad Name", "a@example.com"), services::InvalidUser);
    BOOST_CHECK_THROW(create("alice", "not-an-email"), services::InvalidUser);
    BOOST_CHECK_THROW(user_service.create({"bob", "b@example.com", "", "", "short", false}),
                      services::InvalidUser);
    create("alice", "alice@example.com");
    BOOST_CHECK_THROW(create("alice", "other@example.com"), services::DuplicateUser);
    BOOST_TEST(create("MixedCase", "m@example.com").username == "mixedcase");
}

BOOST_AUTO_TEST_SUITE_END()
