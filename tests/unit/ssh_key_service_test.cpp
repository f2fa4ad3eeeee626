#include <boost/test/unit_test.hpp>

#include "service_error_text.hpp"
#include "services/ssh_key_service.hpp"
#include "ssh_keygen.hpp"
#include "support/in_memory_world.hpp"
#include "test_support.hpp"

using namespace accountd;
using testing::refusal;

namespace {

using testing::run_command;
using testing::slurp;

// ssh-keygen's keys; a type it cannot make fails the test here.
struct KeyDir : testing::KeyDir {
    std::string generate(const std::string& name, const std::string& args) {
        auto pub = testing::KeyDir::generate(name, args);
        BOOST_REQUIRE_MESSAGE(!pub.empty(), "ssh-keygen made no " << name);
        return pub;
    }
    std::string public_key(const std::string& name, const std::string& args = "-t ed25519") {
        return testing::slurp(generate(name, args));
    }
};

struct Fixture {
    testing::ManualClock clock;
    testing::CountingRandom random;
    testing::InMemoryWorld world;
    services::SshKeyService ssh{world.ssh_keys, random, clock};
    std::uint64_t owner = world.make_user("owner");
    KeyDir keys;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(ssh_key_service, Fixture)

BOOST_AUTO_TEST_CASE(a_key_is_stored_with_its_fingerprint_its_pem_and_its_trimmed_name) {
    const auto pub = keys.generate("laptop", "-t ed25519");
    const auto added = ssh.add(owner, "  my laptop \t", slurp(pub));
    BOOST_TEST(added.name == "my laptop");
    BOOST_TEST(added.user_id == owner);
    BOOST_TEST(added.fingerprint == KeyDir::keygen_fingerprint(pub));
    // PKCS#8 PEM with CRLF line ends, as Pterodactyl stores it.
    BOOST_TEST(added.public_key.starts_with("-----BEGIN PUBLIC KEY-----\r\n"));
    BOOST_TEST(added.public_key.ends_with("\r\n-----END PUBLIC KEY-----"));
    BOOST_TEST(added.uuid.size() == 36u);
    BOOST_TEST((added.created_at == clock.now()));

    const auto listed = ssh.list(owner);
    BOOST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0].fingerprint == added.fingerprint);
    BOOST_TEST(listed[0].name == "my laptop");
    BOOST_TEST(ssh.list(world.make_user("other")).empty());
}

BOOST_AUTO_TEST_CASE(a_name_is_required_and_at_most_191_characters) {
    const auto key = keys.public_key("k");
    BOOST_TEST(refusal([&] { ssh.add(owner, "", key); }) == "invalid_fields: name required");
    BOOST_TEST(refusal([&] { ssh.add(owner, " \t\n", key); }) == "invalid_fields: name required");
    BOOST_TEST(refusal([&] { ssh.add(owner, std::string(192, 'n'), key); }) ==
               "invalid_fields: name max 191");
    // The name is checked before the key.
    BOOST_TEST(refusal([&] { ssh.add(owner, "", "garbage"); }) == "invalid_fields: name required");
    BOOST_TEST(world.ssh_keys.rows.empty());
    // Characters, not bytes: 191 two-byte characters fit.
    std::string accented;
    for (int i = 0; i < 191; ++i)
        accented += "\xC3\xA9";
    BOOST_TEST(ssh.add(owner, accented, key).name == accented);
}

BOOST_AUTO_TEST_CASE(a_key_is_required) {
    BOOST_TEST(refusal([&] { ssh.add(owner, "k", ""); }) == "invalid_fields: public_key required");
    BOOST_TEST(refusal([&] { ssh.add(owner, "k", " \n\t "); }) ==
               "invalid_fields: public_key required");
}

BOOST_AUTO_TEST_CASE(garbage_and_private_keys_are_not_valid_keys) {
    const auto pub = keys.generate("k", "-t ed25519");
    const auto private_key = slurp(pub.substr(0, pub.size() - 4));
    BOOST_TEST(refusal([&] { ssh.add(owner, "k", "ssh-ed25519 AAAA not base64!"); }) ==
               "invalid_fields: public_key ssh_not_valid");
    BOOST_TEST(refusal([&] { ssh.add(owner, "k", "hello"); }) ==
               "invalid_fields: public_key ssh_not_valid");
    BOOST_TEST(refusal([&] { ssh.add(owner, "k", private_key); }) ==
               "invalid_fields: public_key ssh_not_valid");
    BOOST_TEST(world.ssh_keys.rows.empty());
}

BOOST_AUTO_TEST_CASE(dsa_and_short_rsa_keys_are_refused_for_what_they_are) {
    // An "ssh-dss" blob with the right inner type name is recognised as DSA.
    BOOST_TEST(refusal([&] { ssh.add(owner, "k", "ssh-dss AAAAB3NzaC1kc3MAAAABAQ=="); }) ==
               "invalid_fields: public_key ssh_dsa");
    const auto short_rsa = keys.public_key("rsa1024", "-t rsa -b 1024");
    BOOST_TEST(refusal([&] { ssh.add(owner, "k", short_rsa); }) ==
               "invalid_fields: public_key ssh_rsa_too_short");
    BOOST_TEST(world.ssh_keys.rows.empty());
}

BOOST_AUTO_TEST_CASE(a_user_cannot_add_the_same_key_twice_but_another_user_can) {
    const auto pub = keys.generate("k", "-t ed25519");
    const auto key = slurp(pub);
    ssh.add(owner, "first", key);
    BOOST_TEST(refusal([&] { ssh.add(owner, "second", key); }) ==
               "invalid_fields: public_key ssh_duplicate");
    // The same key in its PKCS#8 form is the same key.
    const auto pkcs8 = run_command("ssh-keygen -e -m PKCS8 -f '" + pub + "'");
    if (!pkcs8.empty()) {
        BOOST_TEST(refusal([&] { ssh.add(owner, "third", pkcs8); }) ==
                   "invalid_fields: public_key ssh_duplicate");
    }
    BOOST_TEST(ssh.list(owner).size() == 1u);
    const auto other = world.make_user("other");
    BOOST_TEST(ssh.add(other, "theirs", key).user_id == other);
}

BOOST_AUTO_TEST_CASE(a_user_holds_at_most_100_keys) {
    // Arranged in the fake's storage: a hundred keys made by ssh-keygen would only be slower.
    for (int i = 0; i < 100; ++i) {
        services::SshKey filler;
        filler.user_id = owner;
        filler.fingerprint = "filler" + std::to_string(i);
        BOOST_REQUIRE(world.ssh_keys.insert(filler));
    }
    const auto key = keys.public_key("k");
    BOOST_TEST(refusal([&] { ssh.add(owner, "one more", key); }) ==
               "invalid_fields: public_key ssh_too_many 100");
    BOOST_TEST(ssh.list(owner).size() == 100u);
    const auto other = world.make_user("other");
    BOOST_TEST(refusal([&] { ssh.add(other, "theirs", key); }) == "no error");

    BOOST_TEST(ssh.remove(owner, "filler0"));
    BOOST_TEST(refusal([&] { ssh.add(owner, "one more", key); }) == "no error");
    BOOST_TEST(ssh.list(owner).size() == 100u);
}

BOOST_AUTO_TEST_CASE(a_user_removes_only_their_own_keys) {
    const auto key = keys.public_key("k");
    const auto mine = ssh.add(owner, "mine", key);
    const auto other = world.make_user("other");
    BOOST_TEST(!ssh.remove(other, mine.fingerprint));
    BOOST_TEST(ssh.list(owner).size() == 1u);
    BOOST_TEST(!ssh.remove(owner, "no such fingerprint"));
    BOOST_TEST(!ssh.remove(owner, ""));
    BOOST_TEST(ssh.remove(owner, mine.fingerprint));
    BOOST_TEST(ssh.list(owner).empty());
    BOOST_TEST(!ssh.remove(owner, mine.fingerprint));
}

BOOST_AUTO_TEST_CASE(a_restricted_api_key_neither_adds_nor_removes_ssh_keys) {
    const auto key = keys.public_key("k");
    const auto kept = ssh.add(owner, "kept", keys.public_key("kept"));
    services::ApiKey by_address;
    by_address.allowed_ips = {"192.0.2.0/24"};
    services::ApiKey expiring;
    expiring.expires_at = clock.now() + std::chrono::hours(1);
    services::ApiKey scoped;
    scoped.permissions = std::vector<std::string>{"account.read"};
    for (const auto* restricted : {&by_address, &expiring, &scoped}) {
        // An SSH key has none of these limits: minting one would widen the key.
        BOOST_TEST(refusal([&] { ssh.add(owner, "new", key, restricted); }) == "not_permitted");
        BOOST_TEST(refusal([&] { ssh.remove(owner, kept.fingerprint, restricted); }) ==
                   "not_permitted");
        // Refused whether or not such a key exists.
        BOOST_TEST(refusal([&] { ssh.remove(owner, "no such fingerprint", restricted); }) ==
                   "not_permitted");
    }
    BOOST_TEST(ssh.list(owner).size() == 1u);
    // A key with no restriction reaches as far as the account.
    const services::ApiKey open;
    const auto added = ssh.add(owner, "new", key, &open);
    BOOST_TEST(ssh.remove(owner, added.fingerprint, &open));
    BOOST_TEST(ssh.remove(owner, kept.fingerprint, &open));
}

BOOST_AUTO_TEST_SUITE_END()
