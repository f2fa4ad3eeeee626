// One account's API keys across EcliPanel and the other two dialects: an EcliPanel key works in
// Pterodactyl and Calagopus within its list (read in translation, never wider), their keys work
// in EcliPanel within theirs, and EcliPanel lists them all.

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

std::string ecli_jwt(const TestUser& t) {
    const auto r = eclipanel().post_json("/api/auth/login",
                                         {{"email", t.user.email}, {"password", t.password}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return r.json()["token"];
}

Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

nlohmann::json ecli_key(const std::string& jwt, const nlohmann::json& body) {
    const auto r = eclipanel().request(
        "POST", "/api/apikeys", body.dump(),
        {{"Authorization", "Bearer " + jwt}, {"Content-Type", "application/json"}});
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json();
}

std::string cala_key(const TestUser& t, const nlohmann::json& user_permissions) {
    auto browser = calagopus_signed_in(t);
    auto headers = same_origin(browser);
    headers.emplace_back("Content-Type", "application/json");
    const auto r = browser.request("POST", "/api/client/account/api-keys",
                                   nlohmann::json({{"name", "cala"},
                                                   {"allowed_ips", nlohmann::json::array()},
                                                   {"user_permissions", user_permissions},
                                                   {"admin_permissions", nlohmann::json::array()},
                                                   {"server_permissions", nlohmann::json::array()}})
                                       .dump(),
                                   headers);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json()["key"];
}

std::string ptero_key(const TestUser& t) {
    auto s = pterodactyl_session(t);
    const auto r = s.client.post_json(
        "/api/client/account/api-keys",
        {{"description", "from pterodactyl"}, {"allowed_ips", nlohmann::json::array()}}, s.write);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json()["attributes"]["identifier"].get<std::string>() +
           r.json()["meta"]["secret_token"].get<std::string>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(eclipanel_cross_dialect_keys)

BOOST_AUTO_TEST_CASE(an_eclipanel_client_key_works_elsewhere_within_its_list) {
    const auto t = create_user();
    const std::string key =
        ecli_key(ecli_jwt(t),
                 {{"name", "e"}, {"type", "client"}, {"permissions", {"sshkeys:read"}}})["apiKey"];
    auto ptero = pterodactyl();
    const auto me = ptero.get("/api/client/account", bearer(key));
    BOOST_TEST(me.status == 200, me.body);
    BOOST_TEST(me.json()["attributes"]["email"] == t.user.email);
    BOOST_TEST(ptero.get("/api/client/account/ssh-keys", bearer(key)).status == 200);
    BOOST_TEST(ptero.get("/api/client/account/api-keys", bearer(key)).status == 403);
    auto cala = calagopus();
    BOOST_TEST(cala.get("/api/client/account/ssh-keys", bearer(key)).status == 200);
    BOOST_TEST(cala.get("/api/client/account/api-keys", bearer(key)).status == 403);
    BOOST_TEST(cala.get("/api/client/account/activity", bearer(key)).status == 403);
    // An empty list reaches no permission-guarded route anywhere.
    const std::string none = ecli_key(ecli_jwt(t), {{"name", "n"}, {"type", "client"}})["apiKey"];
    BOOST_TEST(ptero.get("/api/client/account/ssh-keys", bearer(none)).status == 403);
    BOOST_TEST(cala.get("/api/client/account/ssh-keys", bearer(none)).status == 403);
    // Deleted in EcliPanel, dead everywhere.
    const auto listed = eclipanel().get("/api/apikeys/my", {{"X-Api-Key", none}}).json();
    const auto id = std::to_string(listed[0]["id"].get<std::uint64_t>());
    BOOST_TEST(
        eclipanel().request("DELETE", "/api/apikeys/" + id, "", bearer(ecli_jwt(t))).status == 200);
    BOOST_TEST(ptero.get("/api/client/account", bearer(none)).status == 401);
    BOOST_TEST(cala.get("/api/client/account", bearer(none)).status == 401);
}

BOOST_AUTO_TEST_CASE(an_eclipanel_admin_key_is_unrestricted_on_its_own_account_elsewhere) {
    const auto t = create_user(true);
    const auto jwt = ecli_jwt(t);
    // The stack requires two-factor of admins; the flag is what the gate reads.
    const long long id = static_cast<long long>(t.user.id);
    Stack::get().sql() << "UPDATE users SET totp_enabled = 1 WHERE id = :id", soci::use(id);
    const std::string key = ecli_key(jwt, {{"name", "a"}, {"type", "admin"}})["apiKey"];
    BOOST_TEST(pterodactyl().get("/api/client/account/api-keys", bearer(key)).status == 200);
    BOOST_TEST(calagopus().get("/api/client/account/api-keys", bearer(key)).status == 200);
}

BOOST_AUTO_TEST_CASE(pterodactyl_and_calagopus_keys_work_in_eclipanel_within_their_lists) {
    const auto t = create_user();
    const auto ptero = ptero_key(t);
    const auto cala = cala_key(t, {"ssh-keys.read"});
    auto ecli = eclipanel();
    for (const auto& headers : {Headers{{"X-Api-Key", ptero}},
                                Headers{{"Authorization", "ApiKey " + ptero}}, bearer(ptero)}) {
        BOOST_TEST(ecli.get("/api/ssh-keys", headers).status == 200);
    }
    BOOST_TEST(ecli.get("/api/ssh-keys", {{"X-Api-Key", cala}}).status == 200);
    const auto denied = ecli.request("POST", "/api/apikeys", R"({"name":"x","type":"client"})",
                                     {{"X-Api-Key", cala}, {"Content-Type", "application/json"}});
    BOOST_TEST(denied.status == 403);
    BOOST_TEST(denied.json()["error"] == "Insufficient permissions (api key)");
    // The account's keys of every dialect, as EcliPanel shows them.
    const auto listed = ecli.get("/api/apikeys/my", bearer(ecli_jwt(t)));
    BOOST_TEST(listed.status == 200);
    BOOST_REQUIRE(listed.json().size() == 2u);
    const auto p = listed.json()[0];
    BOOST_TEST(p["name"] == "from pterodactyl");
    BOOST_TEST(p["type"] == "client");
    BOOST_TEST(p["permissions"].size() > 10u);  // every account permission, nothing more
    for (const auto& name : p["permissions"])
        BOOST_TEST(name.get<std::string>() != "*");
    const auto c = listed.json()[1];
    BOOST_TEST(c["type"] == "client");
    BOOST_TEST(c["permissions"] == nlohmann::json({"sshkeys:read"}));
    // Deleted through EcliPanel by its id.
    const auto id = std::to_string(c["id"].get<std::uint64_t>());
    BOOST_TEST(ecli.request("DELETE", "/api/apikeys/" + id, "", bearer(ecli_jwt(t))).status == 200);
    BOOST_TEST(ecli.get("/api/ssh-keys", {{"X-Api-Key", cala}}).status == 401);
}

BOOST_AUTO_TEST_CASE(an_unlisted_key_of_another_dialect_makes_no_wider_eclipanel_key) {
    // A root admin's Pterodactyl key reaches the admin's own account only: what it makes in
    // EcliPanel must not reach further (users:write, "*", admin type).
    const auto admin = create_user(true);
    auto s = pterodactyl_session(admin);
    const long long id = static_cast<long long>(admin.user.id);
    Stack::get().sql() << "UPDATE users SET totp_enabled = 1 WHERE id = :id", soci::use(id);
    const auto made = s.client.post_json(
        "/api/client/account/api-keys",
        {{"description", "unlisted"}, {"allowed_ips", nlohmann::json::array()}}, s.write);
    BOOST_REQUIRE_MESSAGE(made.status == 200, made.body);
    const std::string key = made.json()["attributes"]["identifier"].get<std::string>() +
                            made.json()["meta"]["secret_token"].get<std::string>();
    const auto send = [&key](const nlohmann::json& body) {
        return eclipanel().request(
            "POST", "/api/apikeys", body.dump(),
            {{"Authorization", "Bearer " + key}, {"Content-Type", "application/json"}});
    };
    const auto child =
        send({{"name", "child"},
              {"type", "client"},
              {"permissions", {"*", "users:write", "admin:access", "sshkeys:read"}}});
    BOOST_REQUIRE_MESSAGE(child.status == 200, child.body);
    BOOST_TEST(child.json()["entry"]["permissions"] == nlohmann::json({"sshkeys:read"}));
    BOOST_TEST(send({{"name", "adm"}, {"type", "admin"}}).status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
