// EcliPanel's SSH keys through nginx (reference eclipanel.md §7): shapes, messages, 201, 409 per
// user, fingerprints, the permission a key needs, and the rows the other dialects show.

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

// The reference's test vector, and two made by ssh-keygen for these tests.
const std::string kEd25519 =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDhmF63B/A6FY8PYRSUnxnSd9ER59Ll+LBfxPQ9PqkLO test@example";
const std::string kEd25519Fingerprint = "SHA256:iXwWjyEb3+9ppl7DSC5tsM+OsSmFzHww45QiF25pwok";
const std::string kEcdsa =
    "ecdsa-sha2-nistp256 "
    "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFMbJ7UchWDyilXwowJET8s1FP62Blyi1KNHayawU"
    "NQgNumqNWwxdnkngQpJgustGU3D2ax8bSfcqmJjGwGmEjY= root@vm";
const std::string kEcdsaFingerprint = "SHA256:YHF2zB9HSnQGt1KDdC3+f0wdXCBmM5m5ugsz+og0FdU";
const std::string kShortRsa =
    "ssh-rsa "
    "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7wZPeE0GyFExhumXGwa9KTXUwsBKYa0Bn1ufjcYzgfs/wIxc6Qebp+WT9gjruX"
    "PtOtRv65DwvUIw/QADVhIJh0E9ib8Gj330utX8NGECUtAocI/1tfbOaWKygIaDDwFzqcJTRgMrG3NiFfl6N8EF36+4TqY9"
    "P9wiGuY/FB5xhxQ== short";
const std::string kBadFormat =
    "Invalid public key format. Supported types: ssh-rsa, ssh-ed25519, "
    "ecdsa-sha2-nistp256/384/521, sk-ssh-ed25519, sk-ecdsa-sha2-nistp256, and Openssh "
    "certificates";

struct Caller {
    TestUser t;
    std::string jwt;
};

Caller signed_in(TestUser t) {
    const auto r = eclipanel().post_json("/api/auth/login",
                                         {{"email", t.user.email}, {"password", t.password}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return {std::move(t), r.json()["token"].get<std::string>()};
}

Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

HttpResult send(const std::string& method, const std::string& path, Headers headers,
                const std::string& body = "") {
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return eclipanel().request(method, path, body, headers);
}

HttpResult add(const Headers& auth, const nlohmann::json& body) {
    return send("POST", "/api/ssh-keys", auth, body.dump());
}

std::string key_with(const Caller& c, const nlohmann::json& permissions) {
    const auto r = send(
        "POST", "/api/apikeys", bearer(c.jwt),
        nlohmann::json({{"name", "ssh"}, {"type", "client"}, {"permissions", permissions}}).dump());
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json()["apiKey"];
}

void check_error(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"error", message}}), r.body);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(eclipanel_ssh_keys)

BOOST_AUTO_TEST_CASE(keys_are_added_listed_renamed_and_deleted_in_eclipanels_shapes) {
    const auto c = signed_in(create_user());
    const auto auth = bearer(c.jwt);
    const auto empty = send("GET", "/api/ssh-keys", auth);
    BOOST_TEST(empty.status == 200);
    BOOST_TEST(empty.json() == nlohmann::json::array());
    const auto r = add(auth, {{"name", " laptop "}, {"publicKey", "  " + kEd25519 + "\n"}});
    BOOST_TEST(r.status == 201, r.body);
    const auto key = r.json();
    BOOST_TEST(key["name"] == "laptop");
    BOOST_TEST(key["fingerprint"] == kEd25519Fingerprint);
    BOOST_TEST(key["id"].is_number_unsigned());
    BOOST_TEST(key["createdAt"].is_string());
    BOOST_TEST(key.size() == 4u);
    BOOST_TEST(add(auth, {{"name", "desk"}, {"publicKey", kEcdsa}}).status == 201);
    const auto list = send("GET", "/api/ssh-keys", auth).json();
    BOOST_REQUIRE(list.size() == 2u);
    BOOST_TEST(list[0] == key);
    BOOST_TEST(list[1]["fingerprint"] == kEcdsaFingerprint);
    BOOST_TEST(!list[1].contains("publicKey"));
    // The same key again, whatever its name: 409.
    check_error(add(auth, {{"name", "again"}, {"publicKey", kEd25519}}), 409,
                "This key is already registered on your account");
    const auto id = std::to_string(key["id"].get<std::uint64_t>());
    const auto renamed = send("PUT", "/api/ssh-keys/" + id, auth, R"({"name":" work "})");
    BOOST_TEST(renamed.status == 200, renamed.body);
    BOOST_TEST(renamed.json() ==
               nlohmann::json({{"success", true}, {"key", {{"id", key["id"]}, {"name", "work"}}}}));
    const auto del = send("DELETE", "/api/ssh-keys/" + id, auth);
    BOOST_TEST(del.status == 200);
    BOOST_TEST(del.json() == nlohmann::json({{"success", true}}));
    check_error(send("DELETE", "/api/ssh-keys/" + id, auth), 404, "SSH key not found");
    BOOST_TEST(send("GET", "/api/ssh-keys", auth).json().size() == 1u);
}

BOOST_AUTO_TEST_CASE(odd_bodies_are_400_never_500) {
    const auto c = signed_in(create_user());
    const auto auth = bearer(c.jwt);
    const std::string required = "name and publicKey are required";
    check_error(add(auth, {{"name", "x"}}), 400, required);
    check_error(add(auth, {{"publicKey", kEd25519}}), 400, required);
    check_error(add(auth, {{"name", ""}, {"publicKey", kEd25519}}), 400, required);
    check_error(add(auth, {{"name", "x"}, {"publicKey", 5}}), 400, required);
    check_error(add(auth, {{"name", "x"}, {"publicKey", {{"a", 1}}}}), 400, required);
    check_error(add(auth, {{"name", {"x"}}, {"publicKey", kEd25519}}), 400, required);
    check_error(send("POST", "/api/ssh-keys", auth, "{\"name\":"), 422, "Request error");
    check_error(add(auth, {{"name", "x"}, {"publicKey", "ssh-ed25519"}}), 400, kBadFormat);
    check_error(add(auth, {{"name", "x"}, {"publicKey", "ssh-ed25519 ="}}), 400, kBadFormat);
    check_error(add(auth, {{"name", "x"}, {"publicKey", "ssh-ed25519 AAAA"}}), 400, kBadFormat);
    check_error(add(auth, {{"name", "x"}, {"publicKey", "ssh-dss AAAAB3NzaC1kc3MAAACBAP"}}), 400,
                kBadFormat);
    check_error(add(auth, {{"name", "x"}, {"publicKey", "-----BEGIN PUBLIC KEY-----"}}), 400,
                kBadFormat);
    check_error(add(auth, {{"name", "x"}, {"publicKey", kShortRsa}}), 400,
                "RSA keys must be at least 2048 bits");
    check_error(add(auth, {{"name", std::string(192, 'n')}, {"publicKey", kEd25519}}), 400,
                "name must be at most 191 characters");
    BOOST_TEST(send("GET", "/api/ssh-keys", auth).json().empty());
    // Renaming: the name first, then the key.
    const auto made = add(auth, {{"name", "ok"}, {"publicKey", kEd25519}});
    BOOST_REQUIRE_EQUAL(made.status, 201);
    const auto id = std::to_string(made.json()["id"].get<std::uint64_t>());
    check_error(send("PUT", "/api/ssh-keys/" + id, auth, R"({"name":"  "})"), 400,
                "name is required");
    check_error(send("PUT", "/api/ssh-keys/" + id, auth, R"({"name":7})"), 400, "name is required");
    check_error(send("PUT", "/api/ssh-keys/999999999", auth, R"({"name":""})"), 400,
                "name is required");
    check_error(send("PUT", "/api/ssh-keys/999999999", auth, R"({"name":"x"})"), 404,
                "SSH key not found");
    check_error(send("PUT", "/api/ssh-keys/abc", auth, R"({"name":"x"})"), 404,
                "SSH key not found");
    check_error(send("PUT", "/api/ssh-keys/" + id, auth, "[1"), 422, "Request error");
    check_error(send("PUT", "/api/ssh-keys/" + id, auth,
                     nlohmann::json({{"name", std::string(192, 'n')}}).dump()),
                400, "name must be at most 191 characters");
    check_error(send("GET", "/api/ssh-keys", {}), 401, "Missing auth token");
}

BOOST_AUTO_TEST_CASE(someone_elses_key_is_not_found_and_the_same_key_may_be_theirs_too) {
    const auto c = signed_in(create_user());
    const auto other = signed_in(create_user());
    const auto theirs = add(bearer(other.jwt), {{"name", "theirs"}, {"publicKey", kEd25519}});
    BOOST_REQUIRE_EQUAL(theirs.status, 201);
    const auto id = std::to_string(theirs.json()["id"].get<std::uint64_t>());
    check_error(send("PUT", "/api/ssh-keys/" + id, bearer(c.jwt), R"({"name":"mine"})"), 404,
                "SSH key not found");
    check_error(send("DELETE", "/api/ssh-keys/" + id, bearer(c.jwt)), 404, "SSH key not found");
    BOOST_TEST(send("GET", "/api/ssh-keys", bearer(c.jwt)).json().empty());
    BOOST_TEST(add(bearer(c.jwt), {{"name", "mine"}, {"publicKey", kEd25519}}).status == 201);
    const auto still = send("GET", "/api/ssh-keys", bearer(other.jwt)).json();
    BOOST_REQUIRE(still.size() == 1u);
    BOOST_TEST(still[0]["name"] == "theirs");
}

BOOST_AUTO_TEST_CASE(an_api_key_needs_the_sshkeys_permission_of_each_route) {
    const auto c = signed_in(create_user());
    const auto none = key_with(c, nlohmann::json::array());
    const auto reader = key_with(c, {"sshkeys:read"});
    const auto all =
        key_with(c, {"sshkeys:read", "sshkeys:create", "sshkeys:update", "sshkeys:delete"});
    const std::string denied = "Insufficient permissions (api key)";
    check_error(send("GET", "/api/ssh-keys", {{"X-Api-Key", none}}), 403, denied);
    BOOST_TEST(send("GET", "/api/ssh-keys", {{"X-Api-Key", reader}}).status == 200);
    check_error(add({{"X-Api-Key", reader}}, {{"name", "k"}, {"publicKey", kEd25519}}), 403,
                denied);
    const auto made = add({{"X-Api-Key", all}}, {{"name", "k"}, {"publicKey", kEd25519}});
    BOOST_REQUIRE_EQUAL(made.status, 201);
    const auto id = std::to_string(made.json()["id"].get<std::uint64_t>());
    check_error(send("PUT", "/api/ssh-keys/" + id, {{"X-Api-Key", reader}}, R"({"name":"n"})"), 403,
                denied);
    check_error(send("DELETE", "/api/ssh-keys/" + id, {{"X-Api-Key", reader}}), 403, denied);
    BOOST_TEST(send("PUT", "/api/ssh-keys/" + id, {{"X-Api-Key", all}}, R"({"name":"n"})").status ==
               200);
    BOOST_TEST(send("DELETE", "/api/ssh-keys/" + id, {{"X-Api-Key", all}}).status == 200);
    // A key limited by an expiry cannot mint a credential without one.
    const auto brief = send("POST", "/api/apikeys", bearer(c.jwt),
                            nlohmann::json({{"name", "brief"},
                                            {"type", "client"},
                                            {"permissions", {"sshkeys:create"}},
                                            {"expiresAt", "2999-01-01T00:00:00Z"}})
                                .dump());
    BOOST_REQUIRE_EQUAL(brief.status, 200);
    check_error(add({{"X-Api-Key", brief.json()["apiKey"].get<std::string>()}},
                    {{"name", "k"}, {"publicKey", kEcdsa}}),
                403, "An API key limited to addresses or an expiry cannot add SSH keys");
}

BOOST_AUTO_TEST_CASE(the_rows_are_the_ones_pterodactyl_and_calagopus_show) {
    const auto t = create_user();
    const auto c = signed_in(t);
    BOOST_REQUIRE_EQUAL(add(bearer(c.jwt), {{"name", "ecli"}, {"publicKey", kEd25519}}).status,
                        201);
    auto cala = calagopus_signed_in(t);
    const auto listed = cala.get("/api/client/account/ssh-keys");
    BOOST_TEST(listed.status == 200, listed.body);
    BOOST_REQUIRE(listed.json()["ssh_keys"]["data"].size() == 1u);
    BOOST_TEST(listed.json()["ssh_keys"]["data"][0]["fingerprint"] == kEd25519Fingerprint);
    auto ptero = pterodactyl_session(t);
    const auto added = ptero.client.post_json(
        "/api/client/account/ssh-keys", {{"name", "ptero"}, {"public_key", kEcdsa}}, ptero.write);
    BOOST_TEST(added.status == 200, added.body);
    const auto mine = send("GET", "/api/ssh-keys", bearer(c.jwt)).json();
    BOOST_REQUIRE(mine.size() == 2u);
    BOOST_TEST(mine[1]["name"] == "ptero");
    BOOST_TEST(mine[1]["fingerprint"] == kEcdsaFingerprint);
    // The same key through EcliPanel is the duplicate it is.
    check_error(add(bearer(c.jwt), {{"name", "again"}, {"publicKey", kEcdsa}}), 409,
                "This key is already registered on your account");
}

BOOST_AUTO_TEST_SUITE_END()
