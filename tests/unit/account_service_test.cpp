#include <boost/test/unit_test.hpp>

#include <cctype>
#include <set>

#include "service_error_text.hpp"
#include "services/account_service.hpp"
#include "support/in_memory_world.hpp"
#include "test_support.hpp"

using namespace accountd;
using namespace std::chrono_literals;
using services::PasswordPurpose;
using testing::refusal;

namespace {

const std::string kPassword = "correct horse battery";
const std::string kNewPassword = "purple tractor lantern";

struct Fixture {
    testing::ManualClock clock;
    testing::CountingRandom random;
    testing::InMemoryWorld world;
    crypto::PasswordHasher hasher{crypto::Argon2Params{8192, 1, 1}, "pepper", random};
    services::PasswordPolicy policy{12, 128, {}};
    services::AccountService accounts{world.users, world.sessions, world.two_factor,
                                      hasher,      clock,          policy};
    std::uint64_t id = 0;

    Fixture() {
        services::User u;
        u.username = "alice";
        u.email = "alice@example.com";
        u.password_hash = hasher.hash(kPassword);
        id = world.users.insert(u);
    }

    services::User user() const { return world.users.rows.at(id); }

    std::uint64_t add_session(std::uint64_t user_id) {
        services::Session s;
        s.user_id = user_id;
        s.public_id = world.unique("session");
        return world.sessions.insert(s, world.unique("hash"));
    }
    std::set<std::uint64_t> session_ids() const {
        std::set<std::uint64_t> ids;
        for (const auto& [sid, row] : world.sessions.rows)
            ids.insert(sid);
        return ids;
    }
    void add_pending(std::uint64_t user_id) {
        services::PendingLogin p;
        p.user_id = user_id;
        p.dialect = "pterodactyl";
        p.expires_at = clock.now() + 300s;
        world.two_factor.insert_pending(world.unique("pending"), p);
    }
    void change_password(const std::string& current, const std::optional<std::string>& next,
                         const std::optional<std::string>& confirmation,
                         std::optional<std::uint64_t> keep = std::nullopt) {
        accounts.change_password(user(), current, next, confirmation, "password", keep);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(account_service, Fixture)

BOOST_AUTO_TEST_CASE(an_email_change_checks_the_password_before_the_address) {
    BOOST_TEST(refusal([&] { accounts.change_email(user(), "wrong password!", ""); }) ==
               "wrong_password: account_change");
    BOOST_TEST(refusal([&] { accounts.change_email(user(), "", "new@example.com"); }) ==
               "wrong_password: account_change");
    BOOST_TEST(user().email == "alice@example.com");
}

BOOST_AUTO_TEST_CASE(a_new_email_must_be_given_short_enough_well_formed_and_unused) {
    const auto bob = world.users.rows.at(world.make_user("bob"));
    BOOST_TEST(refusal([&] { accounts.change_email(user(), kPassword, ""); }) ==
               "invalid_fields: email required");
    BOOST_TEST(refusal([&] {
                   accounts.change_email(user(), kPassword, std::string(180, 'a') + "@example.com");
               }) == "invalid_fields: email between 1,191");
    BOOST_TEST(refusal([&] { accounts.change_email(user(), kPassword, "not-an-address"); }) ==
               "invalid_fields: email email");
    BOOST_TEST(refusal([&] { accounts.change_email(user(), kPassword, "a b@example.com"); }) ==
               "invalid_fields: email email");
    // Taken by another account, in any case.
    BOOST_TEST(refusal([&] {
                   accounts.change_email(user(), kPassword, services::ascii_lower(bob.email));
               }) == "invalid_fields: email unique");
    BOOST_TEST(refusal([&] {
                   std::string upper = bob.email;
                   upper[0] = static_cast<char>(std::toupper(upper[0]));
                   accounts.change_email(user(), kPassword, upper);
               }) == "invalid_fields: email unique");
    BOOST_TEST(user().email == "alice@example.com");
}

BOOST_AUTO_TEST_CASE(an_email_change_stores_the_address_and_returns_the_previous_one) {
    clock.advance(10s);
    BOOST_TEST(accounts.change_email(user(), kPassword, "alice@example.org") ==
               "alice@example.com");
    BOOST_TEST(user().email == "alice@example.org");
    BOOST_TEST((user().updated_at == clock.now()));
}

BOOST_AUTO_TEST_CASE(changing_to_the_same_address_changes_nothing_and_returns_it) {
    const auto before = user().updated_at;
    clock.advance(10s);
    BOOST_TEST(accounts.change_email(user(), kPassword, "alice@example.com") ==
               "alice@example.com");
    BOOST_TEST((user().updated_at == before));
}

BOOST_AUTO_TEST_CASE(a_password_change_checks_the_current_password_first) {
    BOOST_TEST(refusal([&] { change_password("wrong password!", std::nullopt, std::nullopt); }) ==
               "wrong_password: account_change");
    BOOST_TEST(world.users.password_updates == 0);
}

BOOST_AUTO_TEST_CASE(a_new_password_is_required) {
    BOOST_TEST(refusal([&] { change_password(kPassword, std::nullopt, std::nullopt); }) ==
               "invalid_fields: password required");
    // Required alone: no confirmation check on an empty password.
    BOOST_TEST(refusal([&] { change_password(kPassword, std::string(), std::string("x")); }) ==
               "invalid_fields: password required");
    BOOST_TEST(refusal([&] {
                   accounts.change_password(user(), kPassword, std::nullopt, std::nullopt,
                                            "new_password", std::nullopt);
               }) == "invalid_fields: new_password required");
}

BOOST_AUTO_TEST_CASE(confirmation_and_policy_violations_are_reported_together_in_order) {
    BOOST_TEST(refusal([&] { change_password(kPassword, std::string("short"), "shirt"); }) ==
               "invalid_fields: password confirmed; password min 12");
    BOOST_TEST(refusal([&] {
                   change_password(kPassword, std::string(129, 'x') + "y", std::string("other"));
               }) == "invalid_fields: password confirmed; password max 128");
    BOOST_TEST(refusal([&] {
                   change_password(kPassword, std::string("abcdefghijklmn"), "abcdefghijklm");
               }) == "invalid_fields: password confirmed; password guessable");
    BOOST_TEST(refusal([&] { change_password(kPassword, std::string("alice@example.com"), {}); }) ==
               "invalid_fields: password guessable");
    BOOST_TEST(refusal([&] { change_password(kPassword, kNewPassword, std::string("other")); }) ==
               "invalid_fields: password confirmed");
    BOOST_TEST(world.users.password_updates == 0);
}

BOOST_AUTO_TEST_CASE(a_password_change_stores_a_new_hash_and_ends_other_sessions_and_sign_ins) {
    const auto kept = add_session(id);
    add_session(id);
    const auto other_user = world.make_user("bob");
    const auto others = add_session(other_user);
    add_pending(id);
    add_pending(other_user);
    clock.advance(10s);

    change_password(kPassword, kNewPassword, kNewPassword, kept);

    const auto stored = user().password_hash.value_or("");
    BOOST_TEST(stored.starts_with("$argon2id$"));
    BOOST_TEST((hasher.verify(kNewPassword, stored) == crypto::PasswordCheck::match));
    BOOST_TEST((hasher.verify(kPassword, stored) == crypto::PasswordCheck::mismatch));
    BOOST_TEST(world.users.password_updates == 1);
    BOOST_TEST((user().updated_at == clock.now()));
    BOOST_TEST((session_ids() == std::set<std::uint64_t>{kept, others}));
    BOOST_REQUIRE(world.two_factor.pending.size() == 1u);
    BOOST_TEST(world.two_factor.pending.begin()->second.login.user_id == other_user);
}

BOOST_AUTO_TEST_CASE(a_password_change_without_a_session_to_keep_ends_them_all) {
    add_session(id);
    add_session(id);
    change_password(kPassword, kNewPassword, std::nullopt);
    BOOST_TEST(world.sessions.rows.empty());
}

BOOST_AUTO_TEST_CASE(require_password_refuses_for_the_purpose_it_is_given) {
    BOOST_TEST(refusal([&] { accounts.require_password(user(), kPassword); }) == "no error");
    BOOST_TEST(refusal([&] {
                   accounts.require_password(user(), kPassword, PasswordPurpose::two_factor);
               }) == "no error");
    BOOST_TEST(refusal([&] { accounts.require_password(user(), "wrong password!"); }) ==
               "wrong_password: account_change");
    BOOST_TEST(refusal([&] {
                   accounts.require_password(user(), "wrong password!",
                                             PasswordPurpose::two_factor);
               }) == "wrong_password: two_factor");
    BOOST_TEST(refusal([&] { accounts.require_password(user(), std::string(1025, 'p')); }) ==
               "wrong_password: account_change");
}

BOOST_AUTO_TEST_CASE(an_account_without_a_password_can_never_confirm_one) {
    world.users.rows.at(id).password_hash.reset();
    BOOST_TEST(refusal([&] { accounts.require_password(user(), kPassword); }) ==
               "wrong_password: account_change");
    BOOST_TEST(refusal([&] { accounts.require_password(user(), ""); }) ==
               "wrong_password: account_change");
}

BOOST_AUTO_TEST_SUITE_END()
