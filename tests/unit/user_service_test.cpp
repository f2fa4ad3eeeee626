#include <boost/test/unit_test.hpp>

#include "services/user_service.hpp"
#include "support/in_memory_repositories.hpp"
#include "test_support.hpp"

using namespace accountd;

namespace {

const std::string kPassword = "correct horse battery";

struct Fixture {
    testing::ManualClock clock;
    testing::CountingRandom random;
    testing::InMemoryUsers users;
    crypto::PasswordHasher hasher{crypto::Argon2Params{8192, 1, 1}, "pepper", random};
    services::PasswordPolicy policy{12, 128, {}};
    services::UserService service{users, hasher, random, clock, policy};

    services::User create(const std::string& username, const std::string& email = "a@example.com",
                          const std::string& password = kPassword, const std::string& first = "Al",
                          const std::string& last = "Ice", bool root_admin = false) {
        return service.create({username, email, first, last, password, root_admin});
    }

    /// "field: message" of the InvalidUser `f` throws, or "no error".
    template <typename F>
    static std::string invalid(F&& f) {
        try {
            f();
        } catch (const services::InvalidUser& e) {
            return e.field() + ": " + e.what();
        }
        return "no error";
    }
    /// Just the field of the InvalidUser `f` throws, or "no error".
    template <typename F>
    static std::string field(F&& f) {
        const auto text = invalid(std::forward<F>(f));
        return text.substr(0, text.find(':'));
    }
};

const std::string kUsernameRule =
    "username: username must be 1-191 characters of a-z, 0-9, '_', '.', '-' and start and end "
    "with a letter or digit";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(user_service, Fixture)

BOOST_AUTO_TEST_CASE(a_new_user_is_stored_with_an_argon2id_hash_of_the_password) {
    clock.advance(std::chrono::seconds(5));
    const auto created = create("alice", "Alice@Example.com", kPassword, "Alice", "Walker");
    BOOST_TEST(created.id != 0u);
    const auto& row = users.rows.at(created.id);
    BOOST_TEST(row.username == "alice");
    BOOST_TEST(row.email == "Alice@Example.com");
    BOOST_TEST(row.name_first == "Alice");
    BOOST_TEST(row.name_last == "Walker");
    BOOST_TEST(row.uuid.size() == 36u);
    BOOST_TEST(row.uuid == created.uuid);
    BOOST_TEST(!row.root_admin);
    BOOST_TEST(!row.role.has_value());
    BOOST_TEST((row.created_at == clock.now()));
    BOOST_TEST((row.updated_at == clock.now()));
    const auto hash = row.password_hash.value_or("");
    BOOST_TEST(hash.starts_with("$argon2id$"));
    BOOST_TEST(hash.find(kPassword) == std::string::npos);
    BOOST_TEST((hasher.verify(kPassword, hash) == crypto::PasswordCheck::match));
    BOOST_TEST((hasher.verify("correct horse batterY", hash) == crypto::PasswordCheck::mismatch));
}

BOOST_AUTO_TEST_CASE(a_root_admin_gets_the_root_admin_role) {
    const auto created = create("root", "root@example.com", kPassword, "", "", true);
    BOOST_TEST(users.rows.at(created.id).root_admin);
    BOOST_TEST(users.rows.at(created.id).role.value_or("") == "rootAdmin");
}

BOOST_AUTO_TEST_CASE(usernames_are_lowercased_and_follow_pterodactyls_rule) {
    BOOST_TEST(create("MixedCase").username == "mixedcase");
    BOOST_TEST(create("a.b_c-d9", "b@example.com").username == "a.b_c-d9");
    BOOST_TEST(create(std::string(191, 'x'), "c@example.com").username.size() == 191u);
    BOOST_TEST(invalid([&] { create("Bad Name"); }) == kUsernameRule);
    for (const std::string bad : {"", "-alice", "alice-", "_alice", "alice.", "al!ce", "alïce"}) {
        BOOST_TEST_CONTEXT("username " << bad) {
            BOOST_TEST(field([&] { create(bad); }) == "username");
        }
    }
    BOOST_TEST(field([&] { create(std::string(192, 'x')); }) == "username");
    BOOST_TEST(users.rows.size() == 3u);
}

BOOST_AUTO_TEST_CASE(an_email_address_must_be_plausible) {
    BOOST_TEST(invalid([&] { create("alice", "not-an-email"); }) ==
               "email: email is not a valid address");
    for (const std::string bad : {"", "a@b", "@example.com", "a@@example.com", "a@b@example.com",
                                  "a@example", "a@.example.com", "a@example.com.", "a@example..com",
                                  "a b@example.com", "<a>@example.com", "a,b@example.com"}) {
        BOOST_TEST_CONTEXT("email " << bad) {
            BOOST_TEST(field([&] { create("alice", bad); }) == "email");
        }
    }
    BOOST_TEST(field([&] { create("alice", std::string(180, 'a') + "@example.com"); }) == "email");
    BOOST_TEST(users.rows.empty());
}

BOOST_AUTO_TEST_CASE(first_and_last_names_are_at_most_191_characters) {
    BOOST_TEST(invalid([&] {
                   create("alice", "a@example.com", kPassword, std::string(192, 'n'));
               }) == "name: first and last name may be at most 191 characters");
    BOOST_TEST(field([&] {
                   create("alice", "a@example.com", kPassword, "", std::string(192, 'n'));
               }) == "name");
    // Characters, not bytes.
    std::string accented;
    for (int i = 0; i < 191; ++i)
        accented += "\xC3\xA9";
    BOOST_TEST(create("alice", "a@example.com", kPassword, accented, accented).name_first ==
               accented);
}

BOOST_AUTO_TEST_CASE(a_password_must_meet_the_policy) {
    BOOST_TEST(invalid([&] { create("alice", "a@example.com", "short"); }) ==
               "password: password must be 12 to 128 characters");
    BOOST_TEST(invalid([&] { create("alice", "a@example.com", std::string(129, 'p') + "q"); }) ==
               "password: password must be 12 to 128 characters");
    const std::string guessable =
        "password: password is too easy to guess (a common password, a word, a pattern or a "
        "name); choose another";
    BOOST_TEST(invalid([&] { create("alice", "a@example.com", "abcdefghijklmnop"); }) == guessable);
    // The account's own (lowercased) name, dressed up.
    BOOST_TEST(invalid([&] { create("AliceWalker", "a@example.com", "AliceWalker2024!"); }) ==
               guessable);
    BOOST_TEST(users.rows.empty());
}

BOOST_AUTO_TEST_CASE(the_rules_are_checked_username_email_name_then_password) {
    BOOST_TEST(field([&] { create("Bad Name", "bad", "short", std::string(192, 'n')); }) ==
               "username");
    BOOST_TEST(field([&] { create("alice", "bad", "short", std::string(192, 'n')); }) == "email");
    BOOST_TEST(field([&] { create("alice", "a@example.com", "short", std::string(192, 'n')); }) ==
               "name");
}

BOOST_AUTO_TEST_CASE(a_taken_username_or_email_in_any_case_is_a_duplicate) {
    create("alice", "alice@example.com");
    BOOST_CHECK_THROW(create("ALICE", "other@example.com"), services::DuplicateUser);
    BOOST_CHECK_THROW(create("bob", "Alice@EXAMPLE.com"), services::DuplicateUser);
    BOOST_TEST(users.rows.size() == 1u);
    BOOST_TEST(create("bob", "bob@example.com").username == "bob");
}

BOOST_AUTO_TEST_SUITE_END()
