#include <boost/test/unit_test.hpp>

#include "crypto/ssh_public_key.hpp"
#include "ssh_keygen.hpp"

using namespace accountd::crypto;

namespace {

using accountd::testing::KeyDir;
using accountd::testing::slurp;

std::string run(const std::string& command) {
    return accountd::testing::run_command(command);
}

SshPublicKey accepted(const std::string& text) {
    auto parsed = parse_ssh_public_key(text);
    BOOST_REQUIRE_MESSAGE(std::holds_alternative<SshPublicKey>(parsed),
                          "refused: " << text.substr(0, 60));
    return std::get<SshPublicKey>(parsed);
}

SshKeyProblem refused(const std::string& text) {
    auto parsed = parse_ssh_public_key(text);
    BOOST_REQUIRE_MESSAGE(std::holds_alternative<SshKeyProblem>(parsed),
                          "accepted: " << text.substr(0, 60));
    return std::get<SshKeyProblem>(parsed);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ssh_public_keys)

BOOST_AUTO_TEST_CASE(fingerprints_agree_with_ssh_keygen_for_every_accepted_type) {
    KeyDir keys;
    const std::pair<const char*, const char*> types[] = {
        {"ed25519", "-t ed25519"},   {"rsa2048", "-t rsa -b 2048"}, {"rsa3072", "-t rsa -b 3072"},
        {"p256", "-t ecdsa -b 256"}, {"p384", "-t ecdsa -b 384"},   {"p521", "-t ecdsa -b 521"}};
    for (const auto& [name, args] : types) {
        const auto pub = keys.generate(name, args);
        BOOST_REQUIRE_MESSAGE(!pub.empty(), "ssh-keygen could not make " << name);
        const auto key = accepted(slurp(pub));
        BOOST_TEST(key.fingerprint() == KeyDir::keygen_fingerprint(pub), name);
        BOOST_TEST(key.fingerprint().size() == 43u, name);
        // Our PKCS#8 rendering is what ssh-keygen exports (it cannot export Ed25519, so OpenSSL
        // checks that one), and it reads back to the same key.
        const std::string ours = key.pem();
        std::string lf;
        for (const char c : ours)
            if (c != '\r') lf.push_back(c);
        const auto exported = run("ssh-keygen -e -m PKCS8 -f '" + pub + "'");
        if (key.type == SshKeyType::ed25519) {
            std::ofstream(keys.dir + "/ours.pem") << lf << "\n";
            BOOST_TEST(run("openssl pkey -pubin -in '" + keys.dir + "/ours.pem' -noout -text")
                           .find("ED25519") != std::string::npos);
        } else {
            BOOST_TEST(lf + "\n" == exported, name);
            BOOST_TEST(accepted(exported).fingerprint() == key.fingerprint(), name);
        }
        BOOST_TEST(accepted(ours).fingerprint() == key.fingerprint(), name);
        BOOST_TEST(ours.find("\r\n") != std::string::npos);
        BOOST_TEST(!ours.ends_with("\n"));
    }
}

BOOST_AUTO_TEST_CASE(rsa_pkcs1_pem_is_accepted) {
    KeyDir keys;
    const auto pub = keys.generate("rsa", "-t rsa -b 2048");
    const auto pkcs1 = run("ssh-keygen -e -m PEM -f '" + pub + "'");
    BOOST_TEST(pkcs1.starts_with("-----BEGIN RSA PUBLIC KEY-----"));
    BOOST_TEST(accepted(pkcs1).fingerprint() == KeyDir::keygen_fingerprint(pub));
}

BOOST_AUTO_TEST_CASE(short_rsa_keys_are_refused_as_too_short) {
    KeyDir keys;
    const auto pub = keys.generate("rsa1024", "-t rsa -b 1024");
    BOOST_REQUIRE(!pub.empty());
    BOOST_TEST((refused(slurp(pub)) == SshKeyProblem::rsa_too_short));
    BOOST_TEST(
        (refused(run("ssh-keygen -e -m PKCS8 -f '" + pub + "'")) == SshKeyProblem::rsa_too_short));
}

BOOST_AUTO_TEST_CASE(dsa_keys_are_refused_as_dsa) {
    KeyDir keys;
    const auto pub = keys.generate("dsa", "-t dsa");
    if (pub.empty()) {
        BOOST_TEST_MESSAGE(
            "this ssh-keygen cannot make DSA keys; only the OpenSSH form is checked");
        // "ssh-dss" blob with the right inner type name is enough to be recognised.
        BOOST_TEST((refused("ssh-dss AAAAB3NzaC1kc3MAAAABAQ==") == SshKeyProblem::dsa));
        return;
    }
    BOOST_TEST((refused(slurp(pub)) == SshKeyProblem::dsa));
}

BOOST_AUTO_TEST_CASE(private_keys_and_garbage_are_not_valid) {
    KeyDir keys;
    const auto pub = keys.generate("ed", "-t ed25519");
    const auto private_key = slurp(pub.substr(0, pub.size() - 4));
    BOOST_TEST(private_key.find("PRIVATE KEY") != std::string::npos);
    BOOST_TEST((refused(private_key) == SshKeyProblem::not_valid));
    const auto line = slurp(pub);
    const auto blob_start = line.find(' ') + 1;
    for (const std::string& bad :
         {std::string(""), std::string("ssh-ed25519"), std::string("ssh-ed25519 !!!notbase64"),
          std::string("ssh-rsa ") + line.substr(blob_start),  // type does not match the blob
          line.substr(0, line.size() - 20),                   // truncated blob
          std::string(
              "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIA=="),
          std::string("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
          std::string(
              "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAAAFBAECAwQ="),
          std::string(20000, 'A')}) {
        BOOST_TEST((refused(bad) == SshKeyProblem::not_valid), bad.substr(0, 50));
    }
}

BOOST_AUTO_TEST_CASE(comments_and_surrounding_whitespace_are_ignored) {
    KeyDir keys;
    const auto pub = keys.generate("ed", "-t ed25519");
    const auto line = slurp(pub);
    const auto key = accepted("  \n" + line + "  \n");
    const auto without_comment = line.substr(0, line.rfind(' '));
    BOOST_TEST(accepted(without_comment).fingerprint() == key.fingerprint());
    BOOST_TEST(key.openssh() == without_comment);
}

BOOST_AUTO_TEST_SUITE_END()
