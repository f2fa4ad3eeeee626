// A restricted Pterodactyl key (an allow-list, an expiry) never widens itself through nginx: it
// adds and removes no SSH key (which has neither restriction) and deletes none of the owner's
// wider API keys, only keys within its own limits.

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

// A public key only; any valid key does.
const std::string kSshKey =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICAAcRquoHGIqvs8Ki+viU9N6yfBhwSL6pcL+aSLT8hy e2e";

Headers bearer(const std::string& key) {
    return {{"Authorization", "Bearer " + key}};
}

std::string make_key(Client& client, const Headers& auth,
                     const nlohmann::json& ips = nlohmann::json::array()) {
    const auto r = client.post_json("/api/client/account/api-keys",
                                    {{"description", "key"}, {"allowed_ips", ips}}, auth);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return r.json()["attributes"]["identifier"].get<std::string>() +
           r.json()["meta"]["secret_token"].get<std::string>();
}

void check_forbidden(const HttpResult& r, const std::string& what) {
    BOOST_TEST(r.status == 403, what << " -> " << r.status << " " << r.body);
    BOOST_TEST(r.json()["errors"][0]["code"] == "AccessDeniedHttpException", what);
    BOOST_TEST(r.json()["errors"][0]["detail"] == "This action is unauthorized.", what);
}

std::size_t count(PterodactylSession& s, const std::string& what) {
    return s.client.get("/api/client/account/" + what).json()["data"].size();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pterodactyl_restricted_keys)

BOOST_AUTO_TEST_CASE(a_key_limited_by_address_adds_and_removes_no_ssh_key) {
    auto s = pterodactyl_session(create_user());
    const auto limited = make_key(s.client, s.write, {"127.0.0.1"});
    auto api = pterodactyl();
    check_forbidden(api.post_json("/api/client/account/ssh-keys",
                                  {{"name", "backdoor"}, {"public_key", kSshKey}}, bearer(limited)),
                    "add");
    BOOST_TEST(count(s, "ssh-keys") == 0u);
    // The owner's session adds one; the limited key cannot take it away either.
    const auto added = s.client.post_json("/api/client/account/ssh-keys",
                                          {{"name", "laptop"}, {"public_key", kSshKey}}, s.write);
    BOOST_REQUIRE_EQUAL(added.status, 200);
    const std::string fingerprint = added.json()["attributes"]["fingerprint"];
    check_forbidden(api.post_json("/api/client/account/ssh-keys/remove",
                                  {{"fingerprint", fingerprint}}, bearer(limited)),
                    "remove");
    BOOST_TEST(count(s, "ssh-keys") == 1u);
    // A key with no restriction is as wide as the account.
    const auto open = make_key(s.client, s.write);
    BOOST_TEST(api.post_json("/api/client/account/ssh-keys/remove", {{"fingerprint", fingerprint}},
                             bearer(open))
                   .status == 204);
    BOOST_TEST(api.post_json("/api/client/account/ssh-keys",
                             {{"name", "again"}, {"public_key", kSshKey}}, bearer(open))
                   .status == 200);
}

BOOST_AUTO_TEST_CASE(a_key_with_an_expiry_adds_no_ssh_key) {
    auto s = pterodactyl_session(create_user());
    const auto expiring = make_key(s.client, s.write);
    const std::string identifier = expiring.substr(0, 16);
    Stack::get().sql() << "UPDATE api_keys SET expires_at = UTC_TIMESTAMP() + INTERVAL 1 DAY "
                          "WHERE identifier = :i",
        soci::use(identifier);
    check_forbidden(
        pterodactyl().post_json("/api/client/account/ssh-keys",
                                {{"name", "backdoor"}, {"public_key", kSshKey}}, bearer(expiring)),
        "add");
    BOOST_TEST(count(s, "ssh-keys") == 0u);
}

BOOST_AUTO_TEST_CASE(a_limited_key_deletes_only_keys_within_its_limits) {
    auto s = pterodactyl_session(create_user());
    const auto wide = make_key(s.client, s.write);
    const auto elsewhere = make_key(s.client, s.write, {"127.0.0.1", "192.0.2.0/24"});
    const auto limited = make_key(s.client, s.write, {"127.0.0.0/8"});
    auto api = pterodactyl();
    const auto child = make_key(api, bearer(limited), {"127.0.0.1"});
    const auto remove = [&](const std::string& key) {
        return api.request("DELETE", "/api/client/account/api-keys/" + key.substr(0, 16), "",
                           bearer(limited));
    };
    check_forbidden(remove(wide), "the owner's unrestricted key");
    check_forbidden(remove(elsewhere), "a key reaching another network");
    BOOST_TEST(count(s, "api-keys") == 4u);
    BOOST_TEST(remove(child).status == 204);
    BOOST_TEST(remove(limited).status == 204);
    BOOST_TEST(count(s, "api-keys") == 2u);
    BOOST_TEST(api.get("/api/client/account", bearer(wide)).status == 200);
    // The owner's session deletes any of them.
    BOOST_TEST(
        s.client
            .request("DELETE", "/api/client/account/api-keys/" + wide.substr(0, 16), "", s.write)
            .status == 204);
}

BOOST_AUTO_TEST_SUITE_END()
