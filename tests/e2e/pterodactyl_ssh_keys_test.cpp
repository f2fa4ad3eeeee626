// Pterodactyl's SSH key endpoints (SSHKeyControllerTest, reference 14.3) with keys made by
// ssh-keygen in the test.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "crypto/ssh_public_key.hpp"
#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

std::string run(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>/dev/null").c_str(), "r"),
                                               pclose);
    std::string out;
    char buffer[4096];
    while (pipe && fgets(buffer, sizeof buffer, pipe.get()) != nullptr)
        out += buffer;
    return out;
}

struct Keys {
    std::string dir;
    Keys() {
        char name[] = "/tmp/accountd-e2e-ssh-XXXXXX";
        dir = mkdtemp(name);
    }
    ~Keys() {
        std::error_code ignored;  // a destructor must not throw; a leftover temp dir is harmless
        std::filesystem::remove_all(dir, ignored);
    }
    /// The public key line of a fresh key; `private_out` receives the private key file.
    std::string make(const std::string& args, std::string* private_out = nullptr) {
        const std::string path = dir + "/k" + std::to_string(counter++);
        run("ssh-keygen -q -N '' -C e2e " + args + " -f '" + path + "'");
        std::ifstream pub(path + ".pub"), priv(path);
        std::stringstream p, k;
        p << pub.rdbuf();
        k << priv.rdbuf();
        if (private_out) *private_out = k.str();
        return p.str();
    }
    int counter = 0;
};

HttpResult add(PterodactylSession& s, const std::string& name, const std::string& key) {
    return s.client.post_json("/api/client/account/ssh-keys", {{"name", name}, {"public_key", key}},
                              s.write);
}

void check_key_error(const HttpResult& r, const std::string& detail) {
    BOOST_TEST(r.status == 422, r.body);
    BOOST_TEST(r.json()["errors"][0]["detail"] == detail);
    BOOST_TEST(r.json()["errors"][0]["meta"] ==
               nlohmann::json({{"source_field", "public_key"}, {"rule", ""}}));
}

std::size_t key_count(PterodactylSession& s) {
    return s.client.get("/api/client/account/ssh-keys").json()["data"].size();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pterodactyl_ssh_keys)

BOOST_AUTO_TEST_CASE(only_own_keys_are_listed_in_transformer_form) {
    Keys keys;
    auto me = pterodactyl_session(create_user());
    auto other = pterodactyl_session(create_user());
    const auto mine = keys.make("-t ed25519");
    BOOST_REQUIRE_EQUAL(add(me, "laptop", mine).status, 200);
    BOOST_REQUIRE_EQUAL(add(other, "theirs", keys.make("-t rsa -b 2048")).status, 200);
    const auto list =
        nlohmann::ordered_json::parse(me.client.get("/api/client/account/ssh-keys").body);
    BOOST_TEST(list["object"] == "list");
    BOOST_REQUIRE(list["data"].size() == 1u);
    BOOST_TEST(list["data"][0]["object"] == "ssh_key");
    const auto& attributes = list["data"][0]["attributes"];
    std::vector<std::string> order;
    for (const auto& [k, v] : attributes.items())
        order.push_back(k);
    BOOST_TEST(
        (order == std::vector<std::string>{"name", "fingerprint", "public_key", "created_at"}));
    const auto parsed = std::get<crypto::SshPublicKey>(crypto::parse_ssh_public_key(mine));
    BOOST_TEST(attributes["fingerprint"] == parsed.fingerprint());
    BOOST_TEST(attributes["public_key"] == parsed.pem());
    BOOST_TEST(attributes["name"] == "laptop");
}

BOOST_AUTO_TEST_CASE(removal_is_by_fingerprint_own_keys_only_and_always_204) {
    Keys keys;
    auto me = pterodactyl_session(create_user());
    auto other = pterodactyl_session(create_user());
    const auto my_fp = add(me, "mine", keys.make("-t ed25519"))
                           .json()["attributes"]["fingerprint"]
                           .get<std::string>();
    const auto their_fp = add(other, "theirs", keys.make("-t ed25519"))
                              .json()["attributes"]["fingerprint"]
                              .get<std::string>();
    const auto missing = me.client.post_json("/api/client/account/ssh-keys/remove",
                                             nlohmann::json::object(), me.write);
    BOOST_TEST(missing.status == 422);
    BOOST_TEST(missing.json()["errors"][0]["meta"] ==
               nlohmann::json({{"source_field", "fingerprint"}, {"rule", "required"}}));
    BOOST_TEST(
        me.client
            .post_json("/api/client/account/ssh-keys/remove", {{"fingerprint", my_fp}}, me.write)
            .status == 204);
    BOOST_TEST(key_count(me) == 0u);
    BOOST_TEST(
        me.client
            .post_json("/api/client/account/ssh-keys/remove", {{"fingerprint", my_fp}}, me.write)
            .status == 204);
    BOOST_TEST(
        me.client
            .post_json("/api/client/account/ssh-keys/remove", {{"fingerprint", their_fp}}, me.write)
            .status == 204);
    BOOST_TEST(key_count(other) == 1u);
    BOOST_TEST(me.client
                   .post_json("/api/client/account/ssh-keys/remove",
                              {{"fingerprint", "ünïcode ' OR 1"}}, me.write)
                   .status == 204);
}

BOOST_AUTO_TEST_CASE(dsa_weak_rsa_invalid_and_private_keys_are_rejected) {
    Keys keys;
    auto me = pterodactyl_session(create_user());
    check_key_error(add(me, "dsa", "ssh-dss AAAAB3NzaC1kc3MAAAABAQ=="),
                    "DSA keys are not supported.");
    check_key_error(add(me, "weak", keys.make("-t rsa -b 1024")),
                    "RSA keys must be at least 2048 bytes in length.");
    check_key_error(add(me, "junk", "invalid"), "The public key provided is not valid.");
    std::string private_key;
    keys.make("-t ed25519", &private_key);
    check_key_error(add(me, "private", private_key), "The public key provided is not valid.");
    const auto pkcs8_private = run("openssl genpkey -algorithm ed25519");
    BOOST_REQUIRE(pkcs8_private.starts_with("-----BEGIN PRIVATE KEY-----"));
    check_key_error(add(me, "pkcs8 private", pkcs8_private),
                    "The public key provided is not valid.");
    BOOST_TEST(key_count(me) == 0u);
}

BOOST_AUTO_TEST_CASE(a_pkcs8_key_is_stored_as_submitted_and_duplicates_are_rejected) {
    Keys keys;
    auto me = pterodactyl_session(create_user());
    const auto pem =
        std::get<crypto::SshPublicKey>(crypto::parse_ssh_public_key(keys.make("-t ed25519"))).pem();
    const auto r = add(me, "pem", pem);
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.json()["object"] == "ssh_key");
    BOOST_TEST(r.json()["attributes"]["public_key"] == pem);
    BOOST_TEST(key_count(me) == 1u);
    check_key_error(add(me, "again", pem),
                    "The public key provided already exists on your account.");
    BOOST_TEST(key_count(me) == 1u);
}

BOOST_AUTO_TEST_CASE(a_pem_key_made_by_openssl_comes_back_in_phpseclib_form) {
    Keys keys;
    auto me = pterodactyl_session(create_user());
    const std::string path = keys.dir + "/openssl.pem";
    run("openssl genpkey -algorithm ed25519 -out '" + path + "'");
    const std::string lf = run("openssl pkey -in '" + path + "' -pubout");
    BOOST_REQUIRE(lf.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    // phpseclib writes CRLF line breaks and no final newline.
    std::string crlf;
    for (char c : lf)
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    crlf.erase(crlf.size() - 2);
    const auto r = add(me, "openssl", lf);
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json()["attributes"]["public_key"] == crlf);
    // Submitted in the stored form, it is the same key.
    check_key_error(add(me, "again", crlf),
                    "The public key provided already exists on your account.");
}

BOOST_AUTO_TEST_CASE(names_are_required_and_bounded) {
    Keys keys;
    auto me = pterodactyl_session(create_user());
    const auto key = keys.make("-t ed25519");
    auto r = add(me, "   ", key);
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.json()["errors"][0]["meta"]["rule"] == "required");
    r = add(me, std::string(192, 'n'), key);
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.json()["errors"][0]["meta"]["rule"] == "max");
    BOOST_TEST(r.json()["errors"][0]["detail"] ==
               "The name may not be greater than 191 characters.");
    BOOST_TEST(key_count(me) == 0u);
}

BOOST_AUTO_TEST_CASE(adding_and_removing_keys_is_in_the_activity_log) {
    Keys keys;
    auto me = pterodactyl_session(create_user());
    const auto fp = add(me, "k", keys.make("-t ed25519"))
                        .json()["attributes"]["fingerprint"]
                        .get<std::string>();
    me.client.post_json("/api/client/account/ssh-keys/remove", {{"fingerprint", fp}}, me.write);
    const auto log = me.client.get("/api/client/account/activity?sort=-timestamp").json();
    BOOST_TEST(log["data"][0]["attributes"]["event"] == "user:ssh-key.delete");
    BOOST_TEST(log["data"][0]["attributes"]["properties"]["fingerprint"] == fp);
    BOOST_TEST(log["data"][1]["attributes"]["event"] == "user:ssh-key.create");
    BOOST_TEST(log["data"][1]["attributes"]["has_additional_metadata"] == false);
}

BOOST_AUTO_TEST_SUITE_END()
