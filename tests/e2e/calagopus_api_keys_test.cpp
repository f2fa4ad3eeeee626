// Calagopus API keys through nginx (reference calagopus.md §2.2, §6): management by uuid, every
// check in its order, and the keys themselves in the Authorization header.

#include <algorithm>
#include <chrono>
#include <thread>

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

const std::string kKeys = "/api/client/account/api-keys";

void check_error(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"errors", {message}}}), r.body);
}

Headers bearer(const std::string& key) {
    return {{"Authorization", "Bearer " + key}};
}

nlohmann::json key_body(const std::string& name,
                        const nlohmann::json& user = nlohmann::json::array()) {
    return {{"name", name},
            {"allowed_ips", nlohmann::json::array()},
            {"user_permissions", user},
            {"admin_permissions", nlohmann::json::array()},
            {"server_permissions", nlohmann::json::array()}};
}

// A signed-in browser (cookie + same-origin writes).
struct Browser {
    TestUser t;
    Client client;
    Headers write;
    explicit Browser(TestUser user)
        : t(std::move(user)), client(calagopus_signed_in(t)), write(same_origin(client)) {}

    HttpResult send(const std::string& method, const std::string& path,
                    const nlohmann::json& body = nlohmann::json::object()) {
        auto headers = write;
        headers.emplace_back("Content-Type", "application/json");
        return client.request(method, path, body.dump(), headers);
    }
    // {"api_key": ..., "key": ...}
    nlohmann::json create(const nlohmann::json& body) {
        const auto r = send("POST", kKeys, body);
        BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
        return r.json();
    }
};

HttpResult as_key(const std::string& key, const std::string& method, const std::string& path,
                  const std::optional<nlohmann::json>& body = std::nullopt) {
    auto headers = bearer(key);
    if (body) headers.emplace_back("Content-Type", "application/json");
    return calagopus().request(method, path, body ? body->dump() : "", headers);
}

const std::vector<std::string> kEveryKeyPermission = {
    "api-keys.create", "api-keys.read", "api-keys.update", "api-keys.delete", "api-keys.recreate"};

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_api_keys)

BOOST_AUTO_TEST_CASE(create_answers_the_key_once_and_the_api_key_shape) {
    Browser b(create_user());
    const auto made = b.create(key_body("deploy", {"account.email", "api-keys.read"}));
    const std::string key = made["key"];
    BOOST_TEST(key.size() == 48u);
    BOOST_TEST(key.starts_with("c7sp_"));
    const auto& api_key = made["api_key"];
    std::vector<std::string> fields;
    const auto ordered = nlohmann::ordered_json::parse(made["api_key"].dump());
    for (const auto& [k, v] : ordered.items())
        fields.push_back(k);
    BOOST_TEST(api_key["name"] == "deploy");
    BOOST_TEST(api_key["key_start"] == key.substr(0, 16));
    BOOST_TEST(api_key["user_permissions"] == nlohmann::json({"account.email", "api-keys.read"}));
    BOOST_TEST(api_key["allowed_ips"] == nlohmann::json::array());
    BOOST_TEST(api_key["last_used"].is_null());
    BOOST_TEST(api_key["expires"].is_null());
    BOOST_TEST(api_key["created"].get<std::string>().ends_with("Z"));
    BOOST_TEST(api_key["uuid"].get<std::string>().size() == 36u);
    BOOST_TEST(fields.size() == 10u);
    // The list shows it, never the key text.
    const auto list = b.client.get(kKeys);
    BOOST_TEST(list.status == 200);
    BOOST_TEST(list.json()["api_keys"]["total"] == 1);
    BOOST_TEST(list.json()["api_keys"]["data"][0]["uuid"] == api_key["uuid"]);
    BOOST_TEST(list.body.find(key.substr(16)) == std::string::npos);
    // The key reads the account.
    const auto me = as_key(key, "GET", "/api/client/account");
    BOOST_TEST(me.status == 200);
    BOOST_TEST(me.json()["user"]["uuid"] == b.t.user.uuid);
    // The activity entry carries no secret.
    const auto activity = as_key(key, "GET", kKeys + "/identifier/" + key.substr(0, 16));
    BOOST_TEST(activity.status == 200);
    BOOST_TEST(activity.json()["api_key"]["name"] == "deploy");
}

BOOST_AUTO_TEST_CASE(the_authorization_header_is_checked_as_calagopus_does) {
    Browser b(create_user());
    const std::string key = b.create(key_body("hdr"))["key"];
    auto api = calagopus();
    check_error(api.get("/api/client/account", {{"Authorization", "Bearer " + key + "x"}}), 401,
                "invalid authorization header");
    check_error(api.get("/api/client/account", {{"Authorization", key}}), 401,
                "invalid authorization header");
    check_error(api.get("/api/client/account", {{"Authorization", "bearer " + key}}), 401,
                "invalid api key");
    std::string wrong = key;
    wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
    check_error(api.get("/api/client/account", bearer(wrong)), 401, "invalid api key");
    check_error(api.get("/api/client/account", bearer("c7sp_" + std::string(43, '!'))), 401,
                "invalid api key");
    check_error(api.get("/api/client/account"), 401, "missing authorization");
    BOOST_TEST(api.get("/api/client/account", bearer(key)).status == 200);
}

BOOST_AUTO_TEST_CASE(a_present_session_cookie_wins_over_a_valid_key) {
    Browser b(create_user());
    const std::string key = b.create(key_body("cookie"))["key"];
    auto api = calagopus();
    api.set_cookie("calagopus_session", "short");
    check_error(api.get("/api/client/account", bearer(key)), 401, "invalid authorization cookie");
    api.set_cookie("calagopus_session", std::string(16, 'a') + ":" + std::string(64, '0'));
    check_error(api.get("/api/client/account", bearer(key)), 401, "invalid session");
}

BOOST_AUTO_TEST_CASE(a_key_off_its_allow_list_is_refused_and_bare_addresses_get_a_prefix) {
    Browser b(create_user());
    auto body = key_body("ips");
    body["allowed_ips"] = {"10.0.0.0/8", "2001:db8::1", "192.168.0.0/255.255.0.0"};
    const auto made = b.create(body);
    BOOST_TEST(made["api_key"]["allowed_ips"] ==
               nlohmann::json({"10.0.0.0/8", "2001:db8::1/128", "192.168.0.0/16"}));
    check_error(as_key(made["key"].get<std::string>(), "GET", "/api/client/account"), 403,
                "ip address not allowed for this api key");
    body = key_body("local");
    body["allowed_ips"] = {"127.0.0.1"};
    const auto local = b.create(body);
    BOOST_TEST(local["api_key"]["allowed_ips"] == nlohmann::json({"127.0.0.1/32"}));
    BOOST_TEST(as_key(local["key"].get<std::string>(), "GET", "/api/client/account").status == 200);
}

BOOST_AUTO_TEST_CASE(a_bad_cidr_is_a_payload_error_and_stores_nothing) {
    Browser b(create_user());
    for (const char* bad :
         {"10.0.0.0/33", "10.0.0.300", "not an address", "10.0.0.0/255.0.255.0"}) {
        auto body = key_body("bad");
        body["allowed_ips"] = {bad};
        const auto r = b.send("POST", kKeys, body);
        BOOST_TEST(r.status == 400, bad);
        BOOST_TEST(r.json()["errors"][0].get<std::string>().starts_with("invalid payload: "), bad);
    }
    BOOST_TEST(b.client.get(kKeys).json()["api_keys"]["total"] == 0);
}

BOOST_AUTO_TEST_CASE(validation_is_plain_garde_text_one_per_field) {
    Browser b(create_user());
    auto body = key_body("ab", {"account.email", "account.nothing"});
    body["admin_permissions"] = {"users.read", "nope"};
    body["expires"] = "2001-01-01T00:00:00Z";
    const auto r = b.send("POST", kKeys, body);
    BOOST_TEST(r.status == 400);
    BOOST_TEST(
        r.json() == nlohmann::json({{"errors",
                                     {"name: length is lower than 3",
                                      "user_permissions: invalid permission: account.nothing",
                                      "admin_permissions: invalid permission: nope",
                                      "expires: time must be in the future"}}}),
        r.body);
    check_error(b.send("POST", kKeys, key_body(std::string(32, 'n'))), 400,
                "name: length is greater than 31");
    auto missing = key_body("missing");
    missing.erase("server_permissions");
    check_error(b.send("POST", kKeys, missing), 400,
                "invalid payload: missing field `server_permissions`");
}

BOOST_AUTO_TEST_CASE(a_duplicate_name_is_409_and_the_51st_key_is_417) {
    Browser b(create_user());
    b.create(key_body("key-0"));
    check_error(b.send("POST", kKeys, key_body("key-0")), 409, "api key with name already exists");
    for (int i = 1; i < 50; ++i)
        b.create(key_body("key-" + std::to_string(i)));
    // The cap comes before validation and the name check (Calagopus' order).
    check_error(b.send("POST", kKeys, key_body("x")), 417, "maximum number of api keys reached");
    check_error(b.send("POST", kKeys, key_body("key-0")), 417,
                "maximum number of api keys reached");
    BOOST_TEST(b.client.get(kKeys + "?per_page=100").json()["api_keys"]["total"] == 50);
}

BOOST_AUTO_TEST_CASE(the_list_pages_searches_and_hides_expired_keys) {
    Browser b(create_user());
    b.create(key_body("alpha"));
    b.create(key_body("Beta one"));
    b.create(key_body("beta two"));
    auto r = b.client.get(kKeys + "?per_page=2&page=2");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.json()["api_keys"]["total"] == 3);
    BOOST_TEST(r.json()["api_keys"]["page"] == 2);
    BOOST_TEST(r.json()["api_keys"]["data"].size() == 1u);
    BOOST_TEST(r.json()["api_keys"]["data"][0]["name"] == "beta two");  // oldest first
    r = b.client.get(kKeys + "?search=BETA");
    BOOST_TEST(r.json()["api_keys"]["total"] == 2);
    check_error(b.client.get(kKeys + "?per_page=101"), 400, "per_page: greater than 100");
}

BOOST_AUTO_TEST_CASE(an_expired_key_stops_at_once_and_disappears) {
    Browser b(create_user());
    auto body = key_body("short", kEveryKeyPermission);
    const auto expires = std::chrono::system_clock::now() + std::chrono::seconds(2);
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(expires.time_since_epoch()).count();
    std::time_t t = seconds;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    body["expires"] = text;
    const auto made = b.create(body);
    BOOST_TEST(made["api_key"]["expires"] == text);
    const std::string key = made["key"];
    const std::string uuid = made["api_key"]["uuid"];
    BOOST_TEST(as_key(key, "GET", kKeys).status == 200);
    std::this_thread::sleep_for(std::chrono::seconds(3));
    check_error(as_key(key, "GET", kKeys), 401, "invalid api key");
    BOOST_TEST(b.client.get(kKeys).json()["api_keys"]["total"] == 0);
    check_error(b.send("PATCH", kKeys + "/" + uuid, {{"name", "again"}}), 404, "api key not found");
    check_error(b.send("DELETE", kKeys + "/" + uuid), 404, "api key not found");
    check_error(b.send("POST", kKeys + "/" + uuid + "/recreate"), 404, "api key not found");
    check_error(b.client.get(kKeys + "/identifier/" + key.substr(0, 16)), 404, "api key not found");
}

BOOST_AUTO_TEST_CASE(someone_elses_key_is_not_found_anywhere) {
    Browser owner(create_user());
    Browser intruder(create_user());
    const auto made = owner.create(key_body("mine"));
    const std::string uuid = made["api_key"]["uuid"];
    const std::string key = made["key"];
    check_error(intruder.send("PATCH", kKeys + "/" + uuid, {{"name", "stolen"}}), 404,
                "api key not found");
    check_error(intruder.send("DELETE", kKeys + "/" + uuid), 404, "api key not found");
    check_error(intruder.send("POST", kKeys + "/" + uuid + "/recreate"), 404, "api key not found");
    check_error(intruder.client.get(kKeys + "/identifier/" + key.substr(0, 16)), 404,
                "api key not found");
    BOOST_TEST(intruder.client.get(kKeys).json()["api_keys"]["total"] == 0);
    BOOST_TEST(owner.client.get(kKeys).json()["api_keys"]["data"][0]["name"] == "mine");
    check_error(owner.send("DELETE", kKeys + "/not-a-uuid"), 400,
                "Invalid URL: UUID parsing failed: invalid api key uuid");
    check_error(owner.send("DELETE", kKeys + "/00000000-0000-4000-8000-000000000000"), 404,
                "api key not found");
}

BOOST_AUTO_TEST_CASE(patch_changes_only_what_is_sent_and_null_removes_the_expiry) {
    Browser b(create_user());
    auto body = key_body("patch", {"account.email"});
    body["expires"] = "2099-01-01T00:00:00Z";
    const auto made = b.create(body);
    const std::string uuid = made["api_key"]["uuid"];
    const auto path = kKeys + "/" + uuid;
    BOOST_TEST(b.send("PATCH", path, {{"name", "renamed"}}).json() == nlohmann::json::object());
    auto shown = b.client.get(kKeys).json()["api_keys"]["data"][0];
    BOOST_TEST(shown["name"] == "renamed");
    BOOST_TEST(shown["expires"] == "2099-01-01T00:00:00Z");
    BOOST_TEST(shown["user_permissions"] == nlohmann::json({"account.email"}));
    BOOST_TEST(
        b.send("PATCH", path, {{"expires", nullptr}, {"allowed_ips", {"127.0.0.1"}}}).status ==
        200);
    shown = b.client.get(kKeys).json()["api_keys"]["data"][0];
    BOOST_TEST(shown["expires"].is_null());
    BOOST_TEST(shown["allowed_ips"] == nlohmann::json({"127.0.0.1/32"}));
    check_error(b.send("PATCH", path, {{"expires", "2001-01-01T00:00:00Z"}}), 400,
                "expires: time must be in the future");
    check_error(b.send("PATCH", path, {{"user_permissions", {"x"}}}), 400,
                "user_permissions: invalid permission: x");
    b.create(key_body("other"));
    check_error(b.send("PATCH", path, {{"name", "other"}}), 409,
                "api key with name already exists");
}

BOOST_AUTO_TEST_CASE(recreate_replaces_the_text_and_delete_ends_the_key) {
    Browser b(create_user());
    const auto made = b.create(key_body("rotate", {"api-keys.read"}));
    const std::string old_key = made["key"];
    const std::string uuid = made["api_key"]["uuid"];
    const auto r = b.send("POST", kKeys + "/" + uuid + "/recreate");
    BOOST_TEST(r.status == 200);
    const std::string fresh = r.json()["key"];
    BOOST_TEST(fresh != old_key);
    BOOST_TEST(fresh.starts_with("c7sp_"));
    check_error(as_key(old_key, "GET", kKeys), 401, "invalid api key");
    BOOST_TEST(as_key(fresh, "GET", kKeys).status == 200);
    const auto shown = b.client.get(kKeys + "/identifier/" + fresh.substr(0, 16));
    BOOST_TEST(shown.json()["api_key"]["uuid"] == uuid);
    BOOST_TEST(shown.json()["api_key"]["name"] == "rotate");
    BOOST_TEST(b.send("DELETE", kKeys + "/" + uuid).json() == nlohmann::json::object());
    check_error(as_key(fresh, "GET", kKeys), 401, "invalid api key");
}

BOOST_AUTO_TEST_CASE(every_change_is_in_the_activity_log_under_its_canonical_name) {
    Browser b(create_user());
    const auto made = b.create(key_body("logged"));
    const std::string uuid = made["api_key"]["uuid"];
    b.send("PATCH", kKeys + "/" + uuid, {{"name", "logged2"}});
    b.send("POST", kKeys + "/" + uuid + "/recreate");
    b.send("DELETE", kKeys + "/" + uuid);
    // Read through Pterodactyl, whose names these are.
    auto s = pterodactyl_session(b.t);
    const auto log = s.client.get("/api/client/account/activity").json()["data"];
    std::vector<std::string> events;
    for (const auto& e : log)
        events.push_back(e["attributes"]["event"].get<std::string>());
    for (const char* name : {"user:api-key.create", "user:api-key.update", "user:api-key.recreate",
                             "user:api-key.delete"})
        BOOST_TEST((std::find(events.begin(), events.end(), name) != events.end()), name);
    BOOST_TEST(log.dump().find(made["key"].get<std::string>().substr(16)) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(logout_with_a_key_is_refused_as_calagopus_does) {
    Browser b(create_user());
    const std::string key = b.create(key_body("logout"))["key"];
    check_error(as_key(key, "POST", "/api/client/account/logout"), 400,
                "unable to log out when not using session authentication");
}

BOOST_AUTO_TEST_CASE(a_suspended_accounts_key_is_refused) {
    Browser b(create_user());
    const std::string key = b.create(key_body("susp", kEveryKeyPermission))["key"];
    suspend(b.t.user.id);
    check_error(as_key(key, "GET", kKeys), 403, "account is suspended");
}

BOOST_AUTO_TEST_SUITE_END()
