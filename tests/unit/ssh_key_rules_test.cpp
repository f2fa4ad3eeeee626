// A panel's own SSH key rules (services::SshKeyRules: Calagopus' 3-31 names, unique per user, a
// cap of its own) and the import from code hosts (services/ssh_key_import).
#include <boost/test/unit_test.hpp>

#include "net/curl_key_directory.hpp"
#include "service_error_text.hpp"
#include "services/ssh_key_service.hpp"
#include "ssh_keygen.hpp"
#include "support/in_memory_world.hpp"
#include "test_support.hpp"

using namespace accountd;
using namespace std::chrono_literals;
using testing::refusal;

namespace {

constexpr services::SshKeyRules kCalagopus{
    .max_keys = 3, .name_min = 3, .name_max = 31, .distinct_names = true};

struct Fixture {
    testing::ManualClock clock;
    testing::CountingRandom random;
    testing::InMemoryWorld world;
    services::SshKeyService ssh{world.ssh_keys, random, clock};
    std::uint64_t owner = world.make_user("owner");
    testing::KeyDir keys;

    std::string key(const std::string& name) {
        auto text = testing::slurp(keys.generate(name, "-t ed25519"));
        BOOST_REQUIRE(!text.empty());
        return text;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(ssh_key_rules, Fixture)

BOOST_AUTO_TEST_CASE(names_are_3_to_31_characters_and_checked_before_the_key) {
    BOOST_TEST(refusal([&] { ssh.add(owner, "ab", key("a"), nullptr, kCalagopus); }) ==
               "invalid_fields: name min 3");
    BOOST_TEST(refusal([&] { ssh.add(owner, "", "garbage", nullptr, kCalagopus); }) ==
               "invalid_fields: name min 3");
    BOOST_TEST(refusal([&] {
                   ssh.add(owner, std::string(32, 'n'), key("b"), nullptr, kCalagopus);
               }) == "invalid_fields: name max 31");
    BOOST_TEST(ssh.add(owner, std::string(31, 'n'), key("c"), nullptr, kCalagopus).name.size() ==
               31u);
}

BOOST_AUTO_TEST_CASE(a_name_in_use_is_a_duplicate_as_a_known_key_is) {
    const auto first = key("first");
    ssh.add(owner, "laptop", first, nullptr, kCalagopus);
    BOOST_TEST(refusal([&] { ssh.add(owner, "laptop", key("second"), nullptr, kCalagopus); }) ==
               "invalid_fields: public_key ssh_duplicate");
    BOOST_TEST(refusal([&] { ssh.add(owner, "desktop", first, nullptr, kCalagopus); }) ==
               "invalid_fields: public_key ssh_duplicate");
    // Pterodactyl's rules allow two keys of one name.
    BOOST_TEST(ssh.add(owner, "laptop", key("third")).name == "laptop");
}

BOOST_AUTO_TEST_CASE(the_cap_counts_every_key_of_the_user) {
    ssh.add(owner, "one", key("1"));  // added through another panel
    ssh.add(owner, "two", key("2"), nullptr, kCalagopus);
    ssh.add(owner, "three", key("3"), nullptr, kCalagopus);
    BOOST_TEST(refusal([&] { ssh.add(owner, "four", key("4"), nullptr, kCalagopus); }) ==
               "invalid_fields: public_key ssh_too_many 3");
    BOOST_TEST(refusal([&] { ssh.add(owner, "four", "dsa?", nullptr, kCalagopus); }) ==
               "invalid_fields: public_key ssh_not_valid");
}

BOOST_AUTO_TEST_CASE(dsa_keys_are_refused_under_every_panels_rules) {
    BOOST_TEST(refusal([&] {
                   ssh.add(owner, "old", "ssh-dss AAAAB3NzaC1kc3MAAAABAQ==", nullptr, kCalagopus);
               }) == "invalid_fields: public_key ssh_dsa");
}

BOOST_AUTO_TEST_CASE(rename_finds_the_key_first_then_checks_the_name_then_its_uniqueness) {
    using Renamed = services::SshKeyService::Renamed;
    const auto a = ssh.add(owner, "alpha", key("a"), nullptr, kCalagopus);
    ssh.add(owner, "beta", key("b"), nullptr, kCalagopus);
    const auto other = world.make_user("other");
    BOOST_TEST((ssh.rename(other, a.uuid, "x", kCalagopus) == Renamed::not_found));
    BOOST_TEST(refusal([&] { ssh.rename(owner, a.uuid, "x", kCalagopus); }) ==
               "invalid_fields: name min 3");
    BOOST_TEST((ssh.rename(owner, a.uuid, "beta", kCalagopus) == Renamed::name_taken));
    BOOST_TEST((ssh.rename(owner, a.uuid, "gamma", kCalagopus) == Renamed::renamed));
    BOOST_TEST(ssh.find(owner, a.uuid)->name == "gamma");
    BOOST_TEST(!ssh.remove_by_uuid(other, a.uuid).has_value());
    BOOST_TEST(ssh.remove_by_uuid(owner, a.uuid)->name == "gamma");
    BOOST_TEST(!ssh.find(owner, a.uuid).has_value());
}

BOOST_AUTO_TEST_CASE(a_page_counts_every_match_and_reads_only_its_slice) {
    for (const auto* name : {"work one", "home", "work two"})
        ssh.add(owner, name, key(name));
    const auto page = ssh.page(owner, 1, 1, std::string("WORK"));
    BOOST_TEST(page.total == 2u);
    BOOST_REQUIRE(page.keys.size() == 1u);
    BOOST_TEST(page.keys[0].name == "work two");
    BOOST_TEST(ssh.page(owner, 50, 25, std::nullopt).keys.empty());
    BOOST_TEST(ssh.page(owner, 50, 25, std::nullopt).total == 3u);
}

BOOST_AUTO_TEST_CASE(import_stores_what_fits_and_skips_what_add_would_refuse) {
    const auto known = key("known");
    ssh.add(owner, "known", known, nullptr, kCalagopus);
    const std::vector<services::ProvidedKey> provided{
        {"gh-u-1", "garbage"},
        {"gh-u-2", known},
        {"gh-u-3", "ssh-dss AAAAB3NzaC1kc3MAAAABAQ=="},
        {"gh-u-4", key("new1")},
        {"gh-u-4", key("same-name")},
        {"gh-u-5", key("new2")},
        {"gh-u-6", key("over-the-cap")},
    };
    const auto stored = ssh.import(owner, provided, kCalagopus);
    BOOST_REQUIRE(stored.size() == 2u);
    BOOST_TEST(stored[0].name == "gh-u-4");
    BOOST_TEST(stored[1].name == "gh-u-5");
    BOOST_TEST(ssh.list(owner).size() == 3u);
}

BOOST_AUTO_TEST_CASE(github_keys_are_named_by_user_and_creation_date) {
    const auto today = services::Timestamp(1'700'000'000s);  // 2023-11-14
    const auto keys = services::read_provided_keys(
        services::KeyProvider::github, "a-very-long-github-username",
        R"([{"id":1,"key":"ssh-ed25519 AAAA","created_at":"2021-03-04T05:06:07Z"},)"
        R"({"id":2,"key":"ssh-rsa BBBB"}])",
        today);
    BOOST_REQUIRE(keys.has_value());
    BOOST_REQUIRE(keys->size() == 2u);
    BOOST_TEST((*keys)[0].name == "gh-a-very-long-githu-2021-03-04");
    BOOST_TEST((*keys)[0].name.size() == 32u - 1u);
    BOOST_TEST((*keys)[0].public_key == "ssh-ed25519 AAAA");
    BOOST_TEST((*keys)[1].name == "gh-a-very-long-githu-2023-11-14");
}

BOOST_AUTO_TEST_CASE(gitlab_keys_are_named_by_user_and_the_titles_host) {
    const auto keys = services::read_provided_keys(
        services::KeyProvider::gitlab, "alice",
        R"([{"id":1,"title":"alice@work@my-very-long-laptop-hostname","key":"k1"},)"
        R"({"id":2,"title":"no at sign","key":"k2"}])",
        {});
    BOOST_REQUIRE(keys.has_value());
    BOOST_TEST((*keys)[0].name == "gl-alice-my-very-long-laptop-ho");
    BOOST_TEST((*keys)[0].name.size() == 3u + 5u + 1u + 22u);
    BOOST_TEST((*keys)[1].name == "gl-alice-no at sign");
}

BOOST_AUTO_TEST_CASE(launchpad_keys_are_numbered_and_typed_from_their_blob) {
    // "AAAAC3NzaC1lZDI1NTE5" is the blob prefix of an ssh-ed25519 key.
    const auto keys = services::read_provided_keys(
        services::KeyProvider::launchpad, "bob",
        R"({"total_size":2,"entries":[{"keytype":"ED25519","keytext":"AAAAC3NzaC1lZDI1NTE5AAAA"},)"
        R"({"keytext":"!!"}]})",
        {});
    BOOST_REQUIRE(keys.has_value());
    BOOST_TEST((*keys)[0].name == "lp-bob-01");
    BOOST_TEST((*keys)[0].public_key == "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA");
    BOOST_TEST((*keys)[1].name == "lp-bob-02");
}

BOOST_AUTO_TEST_CASE(an_answer_of_another_shape_is_no_list) {
    using services::KeyProvider;
    BOOST_TEST(!services::read_provided_keys(KeyProvider::github, "u", "{}", {}).has_value());
    BOOST_TEST(!services::read_provided_keys(KeyProvider::github, "u", "not json", {}));
    BOOST_TEST(!services::read_provided_keys(KeyProvider::github, "u", R"([{"key":1}])", {}));
    BOOST_TEST(!services::read_provided_keys(KeyProvider::gitlab, "u", R"([1])", {}));
    BOOST_TEST(!services::read_provided_keys(KeyProvider::launchpad, "u", "[]", {}));
    BOOST_TEST(services::read_provided_keys(KeyProvider::github, "u", "[]", {})->empty());
}

BOOST_AUTO_TEST_CASE(a_username_cannot_leave_its_url_segment) {
    BOOST_TEST(services::is_importable_username("octo-cat_1.x"));
    BOOST_TEST(!services::is_importable_username("ab"));
    BOOST_TEST(!services::is_importable_username(std::string(32, 'a')));
    for (const auto* bad : {"../admin", "a/b/c", "a?b=c", "a#frag", "a%2fb", "a b c", "a@host"})
        BOOST_TEST(!services::is_importable_username(bad), bad);
    BOOST_TEST(net::key_list_url("https://h/users/{username}/keys", "a/b?c") ==
               "https://h/users/a%2Fb%3Fc/keys");
    BOOST_TEST(net::key_list_url("https://h/~{username}/sshkeys", "bob.x") ==
               "https://h/~bob.x/sshkeys");
}

BOOST_AUTO_TEST_SUITE_END()
