// One account's API keys work in Pterodactyl and Calagopus alike, each with its restrictions
// (allow-list, expiry, Calagopus' user permissions), and each dialect lists them all.

#include <chrono>
#include <thread>

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

Headers bearer(const std::string& key) {
    return {{"Authorization", "Bearer " + key}};
}

nlohmann::json cala_body(const std::string& name, const nlohmann::json& user,
                         const nlohmann::json& ips = nlohmann::json::array()) {
    return {{"name", name},
            {"allowed_ips", ips},
            {"user_permissions", user},
            {"admin_permissions", nlohmann::json::array()},
            {"server_permissions", nlohmann::json::array()}};
}

nlohmann::json cala_key(Client& browser, const nlohmann::json& body) {
    auto headers = same_origin(browser);
    headers.emplace_back("Content-Type", "application/json");
    const auto r = browser.request("POST", "/api/client/account/api-keys", body.dump(), headers);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json();
}

std::string ptero_key(PterodactylSession& s, const nlohmann::json& ips = nlohmann::json::array()) {
    const auto r =
        s.client.post_json("/api/client/account/api-keys",
                           {{"description", "from pterodactyl"}, {"allowed_ips", ips}}, s.write);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json()["attributes"]["identifier"].get<std::string>() +
           r.json()["meta"]["secret_token"].get<std::string>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cross_dialect_keys)

BOOST_AUTO_TEST_CASE(a_calagopus_key_works_in_pterodactyl_within_its_permissions) {
    const auto t = create_user();
    auto browser = calagopus_signed_in(t);
    const std::string key =
        cala_key(browser, cala_body("both", {"api-keys.read", "activity.read"}))["key"];
    auto api = pterodactyl();
    const auto me = api.get("/api/client/account", bearer(key));
    BOOST_TEST(me.status == 200, me.body);
    BOOST_TEST(me.json()["attributes"]["email"] == t.user.email);
    BOOST_TEST(api.get("/api/client/account/api-keys", bearer(key)).status == 200);
    BOOST_TEST(api.get("/api/client/account/activity", bearer(key)).status == 200);
    // Routes its list does not name: Pterodactyl's own 403.
    const auto ssh = api.get("/api/client/account/ssh-keys", bearer(key));
    BOOST_TEST(ssh.status == 403, ssh.body);
    BOOST_TEST(ssh.json()["errors"][0]["code"] == "AccessDeniedHttpException");
    const auto create = api.post_json(
        "/api/client/account/api-keys",
        {{"description", "child"}, {"allowed_ips", nlohmann::json::array()}}, bearer(key));
    BOOST_TEST(create.status == 403);
    const auto email =
        api.request("PUT", "/api/client/account/email",
                    nlohmann::json({{"email", "n@example.com"}, {"password", t.password}}).dump(),
                    {{"Authorization", "Bearer " + key}, {"Content-Type", "application/json"}});
    BOOST_TEST(email.status == 403);
}

BOOST_AUTO_TEST_CASE(a_calagopus_key_off_its_allow_list_or_expired_fails_in_pterodactyl) {
    auto browser = calagopus_signed_in(create_user());
    const std::string far =
        cala_key(browser, cala_body("far", {"api-keys.read"}, {"10.0.0.0/8"}))["key"];
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer(far)).status == 403);
    auto body = cala_body("brief", {"api-keys.read"});
    const auto when = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() +
                                                           std::chrono::seconds(2));
    std::tm tm{};
    gmtime_r(&when, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    body["expires"] = text;
    const std::string brief = cala_key(browser, body)["key"];
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer(brief)).status == 200);
    std::this_thread::sleep_for(std::chrono::seconds(3));
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer(brief)).status == 401);
}

BOOST_AUTO_TEST_CASE(a_pterodactyl_key_works_in_calagopus_with_every_user_permission) {
    auto s = pterodactyl_session(create_user());
    const std::string key = ptero_key(s);
    auto api = calagopus();
    const auto me = api.get("/api/client/account", bearer(key));
    BOOST_TEST(me.status == 200, me.body);
    BOOST_TEST(me.json()["user"]["uuid"] == s.t.user.uuid);
    const auto list = api.get("/api/client/account/api-keys", bearer(key));
    BOOST_TEST(list.status == 200);
    const auto shown = list.json()["api_keys"]["data"][0];
    BOOST_TEST(shown["key_start"] == key.substr(0, 16));
    BOOST_TEST(shown["name"] == "from pterodactyl");
    BOOST_TEST(shown["user_permissions"].size() == 32u);  // the whole user registry
    // It may make a c7sp_ key (no list of its own limits it).
    auto headers = bearer(key);
    headers.emplace_back("Content-Type", "application/json");
    const auto made = api.request("POST", "/api/client/account/api-keys",
                                  cala_body("from a ptlc key", {"account.email"}).dump(), headers);
    BOOST_TEST(made.status == 200, made.body);
}

BOOST_AUTO_TEST_CASE(a_pterodactyl_key_off_its_allow_list_fails_in_calagopus) {
    auto s = pterodactyl_session(create_user());
    const std::string key = ptero_key(s, {"10.0.0.0/8"});
    const auto r = calagopus().get("/api/client/account", bearer(key));
    BOOST_TEST(r.status == 403);
    BOOST_TEST(r.json() ==
               nlohmann::json({{"errors", {"ip address not allowed for this api key"}}}));
}

BOOST_AUTO_TEST_CASE(each_dialect_lists_and_deletes_every_key_of_the_account) {
    const auto t = create_user();
    auto s = pterodactyl_session(t);
    auto browser = calagopus_signed_in(t);
    const std::string ptlc = ptero_key(s);
    const auto c7sp = cala_key(browser, cala_body("calagopus one", nlohmann::json::array()));
    const auto ptero_list = s.client.get("/api/client/account/api-keys").json()["data"];
    BOOST_REQUIRE(ptero_list.size() == 2u);
    BOOST_TEST(ptero_list[1]["attributes"]["identifier"] == c7sp["api_key"]["key_start"]);
    BOOST_TEST(ptero_list[1]["attributes"]["description"] == "calagopus one");
    const auto cala_list = browser.get("/api/client/account/api-keys").json()["api_keys"];
    BOOST_TEST(cala_list["total"] == 2);
    // Pterodactyl deletes the Calagopus key by its identifier; the key stops at once.
    const auto removed = s.client.request(
        "DELETE", "/api/client/account/api-keys/" + c7sp["api_key"]["key_start"].get<std::string>(),
        "", s.write);
    BOOST_TEST(removed.status == 204);
    BOOST_TEST(
        calagopus().get("/api/client/account", bearer(c7sp["key"].get<std::string>())).status ==
        401);
    // Calagopus deletes the Pterodactyl key by its uuid.
    const auto remaining = browser.get("/api/client/account/api-keys").json()["api_keys"]["data"];
    BOOST_REQUIRE(remaining.size() == 1u);
    auto headers = same_origin(browser);
    const auto gone = browser.request(
        "DELETE", "/api/client/account/api-keys/" + remaining[0]["uuid"].get<std::string>(), "",
        headers);
    BOOST_TEST(gone.status == 200, gone.body);
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer(ptlc)).status == 401);
}

BOOST_AUTO_TEST_SUITE_END()
