#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "services/password_policy.hpp"

using accountd::services::PasswordContext;
using accountd::services::PasswordPolicy;
using accountd::services::Rule;

namespace {

struct Fixture {
    std::string list_path;
    PasswordPolicy policy;
    const PasswordContext alice{"alice_w", "alice.walker@example.com", "Alice", "Walker"};

    static std::string write_list() {
        char name[] = "/tmp/accountd-blocklist-XXXXXX";
        const int fd = mkstemp(name);
        BOOST_REQUIRE(fd >= 0);
        std::ofstream(name) << "#!comment: like john's password.lst\n"
                               "123456\nDragonfly\nwinniethepooh\r\nsuperman123456\n";
        ::close(fd);
        return name;
    }
    Fixture() : list_path(write_list()), policy(12, 128, {list_path}) {}
    ~Fixture() { std::remove(list_path.c_str()); }

    std::string rule_of(const std::string& password) const {
        const auto problem = policy.check(password, alice);
        if (!problem) return "ok";
        BOOST_TEST(problem->field == "password");
        switch (problem->rule) {
            case Rule::min:
                return "min";
            case Rule::max:
                return "max";
            case Rule::guessable:
                return "guessable";
            default:
                return "unexpected";
        }
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(password_policy, Fixture)

BOOST_AUTO_TEST_CASE(length_comes_first_and_counts_characters) {
    BOOST_TEST(rule_of("short") == "min");
    BOOST_TEST(policy.check("short", alice)->argument == "12");
    BOOST_TEST(rule_of(std::string(129, 'x') + "y") == "max");
    BOOST_TEST(rule_of("ünïcödé wörds") == "ok");  // 13 characters, 18 bytes
    BOOST_TEST(rule_of("ünïcödé") == "min");
}

BOOST_AUTO_TEST_CASE(listed_passwords_are_refused_in_any_case_and_dressed_up) {
    BOOST_TEST(rule_of("WinnieThePooh") == "guessable");
    BOOST_TEST(rule_of("superman123456") == "guessable");
    BOOST_TEST(rule_of("Dragonfly2024!") == "guessable");
    BOOST_TEST(rule_of("!!2024dragonfly") == "guessable");
    // A listed word inside random characters is not the password; a word that is most of it,
    // with random characters on one end, still is.
    BOOST_TEST(rule_of("x7#dragonfly9kQ2") == "ok");
    BOOST_TEST(rule_of("42#9!7&dragonfly") == "guessable");
}

BOOST_AUTO_TEST_CASE(repeats_and_runs_are_refused) {
    for (const char* weak :
         {"aaaaaaaaaaaa", "abcabcabcabc", "abcabcabcab1", "passwordpassword", "abcdefghijklm",
          "zyxwvutsrqpo", "123456789012", "098765432109", "qwertyuiopasdf", "QWERTYUIOPAS",
          "lkjhgfdsapoiu", "2024!abcdefghijkl"}) {
        BOOST_TEST(rule_of(weak) == "guessable", weak);
    }
    BOOST_TEST(rule_of("correct horse battery staple") == "ok");
    BOOST_TEST(rule_of("k9#Lw2!vQ8$z") == "ok");
}

BOOST_AUTO_TEST_CASE(the_accounts_and_the_services_own_names_are_refused) {
    BOOST_TEST(rule_of("Alice_W2024!!") == "guessable");
    BOOST_TEST(rule_of("alice.walker99") == "guessable");
    BOOST_TEST(rule_of("alice.walker@example.com") == "guessable");
    BOOST_TEST(rule_of("Pterodactyl#1234") == "guessable");
    BOOST_TEST(rule_of("accountd-2026-!") == "guessable");
    // A name inside a longer passphrase is fine, and so is a random password that happens to
    // hold the letters of a very short name.
    BOOST_TEST(rule_of("alice walks far today") == "ok");
    BOOST_TEST(
        !policy.check("7#x9!2%4&8*1", PasswordContext{"x1", "x1@example.com", "", ""}).has_value());
}

// NIST 800-63B 5.1.1.2 context-specific words: the service's, the panels' and the account's own
// names strung together are no better than each alone.
BOOST_AUTO_TEST_CASE(context_words_together_in_any_order_and_separator_are_refused) {
    for (const char* weak :
         {"accountd-alice_w", "accountd-alice", "alice_w-accountd", "Alice.Walker.Accountd",
          "pterodactyl alice", "2026!walker@calagopus", "EcliPanel_Alice_Walker_1",
          "walker-alice-2024!", "alice+walker", "accountd-pterodactyl"}) {
        BOOST_TEST(rule_of(weak) == "guessable", weak);
    }
    // The configured application name counts as well.
    const PasswordPolicy named(12, 128, {list_path}, "Acme Hosting");
    BOOST_TEST(named.check("acme-hosting-alice", alice).has_value());
    BOOST_TEST(named.check("hosting#alice#2024", alice).has_value());
    BOOST_TEST(!policy.check("acme-hosting-alice", alice).has_value());
    // A name next to words that are not context words is a passphrase, not a name.
    BOOST_TEST(rule_of("accountd loves blue herons") == "ok");
    BOOST_TEST(rule_of("alice-q7x!Kp-walker") == "ok");
}

BOOST_AUTO_TEST_CASE(an_unreadable_list_refuses_rather_than_accepts) {
    const PasswordPolicy broken(12, 128, {"/nonexistent/accountd-list"});
    BOOST_CHECK_THROW(broken.check("a perfectly fine password", alice), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
