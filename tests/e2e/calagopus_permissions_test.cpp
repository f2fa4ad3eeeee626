// Calagopus permissions through nginx (reference calagopus.md §3): the registry endpoint, each
// route's user permission for key callers, and a key never granting more than it has.

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

const std::string kKeys = "/api/client/account/api-keys";

void check_error(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"errors", {message}}}), r.body);
}

nlohmann::json key_body(const std::string& name, const nlohmann::json& user,
                        const nlohmann::json& admin = nlohmann::json::array(),
                        const nlohmann::json& server = nlohmann::json::array()) {
    return {{"name", name},
            {"allowed_ips", nlohmann::json::array()},
            {"user_permissions", user},
            {"admin_permissions", admin},
            {"server_permissions", server}};
}

HttpResult send(Client& client, const std::string& method, const std::string& path,
                const nlohmann::json& body, Headers headers) {
    headers.emplace_back("Content-Type", "application/json");
    return client.request(method, path, body.dump(), headers);
}

// A key made by `t`'s browser session.
nlohmann::json make_key(Client& browser, const nlohmann::json& body) {
    const auto r = send(browser, "POST", kKeys, body, same_origin(browser));
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json();
}

Headers bearer(const std::string& key) {
    return {{"Authorization", "Bearer " + key}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_permissions)

BOOST_AUTO_TEST_CASE(the_registry_lists_three_ordered_maps_with_descriptions) {
    auto browser = calagopus_signed_in(create_user());
    const auto r = browser.get("/api/client/permissions");
    BOOST_TEST(r.status == 200);
    const auto body = nlohmann::ordered_json::parse(r.body);
    std::vector<std::string> top;
    for (const auto& [k, v] : body.items())
        top.push_back(k);
    BOOST_TEST((top == std::vector<std::string>{"user_permissions", "admin_permissions",
                                                "server_permissions"}));
    std::vector<std::string> groups;
    for (const auto& [k, v] : body["user_permissions"].items())
        groups.push_back(k);
    BOOST_TEST((groups == std::vector<std::string>{"account", "servers", "api-keys",
                                                   "security-keys", "ssh-keys", "oauth-links",
                                                   "command-snippets", "sessions", "activity"}));
    const auto& account = body["user_permissions"]["account"];
    BOOST_TEST(account["description"] ==
               "Permissions that control the ability to change account settings.");
    std::vector<std::string> perms;
    for (const auto& [k, v] : account["permissions"].items())
        perms.push_back(k);
    BOOST_TEST(
        (perms == std::vector<std::string>{"infos", "email", "password", "two-factor", "avatar"}));
    BOOST_TEST(account["permissions"]["email"] == "Allows changing the account's email address.");
    BOOST_TEST(body["admin_permissions"].begin().key() == "stats");
    BOOST_TEST(body["server_permissions"].begin().key() == "control");
    // A key with no permission at all may read it (§3.2: no permission check).
    const std::string key = make_key(browser, key_body("none", nlohmann::json::array()))["key"];
    BOOST_TEST(calagopus().get("/api/client/permissions", bearer(key)).status == 200);
    check_error(calagopus().get("/api/client/permissions"), 401, "missing authorization");
}

BOOST_AUTO_TEST_CASE(a_key_calling_a_route_outside_its_permissions_is_403) {
    const auto t = create_user();
    auto browser = calagopus_signed_in(t);
    const std::string key = make_key(browser, key_body("narrow", {"api-keys.read"}))["key"];
    auto api = calagopus();
    BOOST_TEST(api.get(kKeys, bearer(key)).status == 200);
    // GET account needs none.
    BOOST_TEST(api.get("/api/client/account", bearer(key)).status == 200);
    check_error(send(api, "POST", kKeys, key_body("child", nlohmann::json::array()), bearer(key)),
                403, "you do not have permission to perform this action: api-keys.create");
    check_error(send(api, "PUT", "/api/client/account/email",
                     {{"email", "x@example.com"}, {"password", t.password}}, bearer(key)),
                403, "you do not have permission to perform this action: account.email");
    check_error(
        send(api, "PUT", "/api/client/account/password",
             {{"password", t.password}, {"new_password", "an0ther-Passw0rd!"}}, bearer(key)),
        403, "you do not have permission to perform this action: account.password");
    const std::string uuid =
        make_key(browser, key_body("target", nlohmann::json::array()))["api_key"]["uuid"];
    check_error(send(api, "DELETE", kKeys + "/" + uuid, nlohmann::json::object(), bearer(key)), 403,
                "you do not have permission to perform this action: api-keys.delete");
    check_error(
        send(api, "POST", kKeys + "/" + uuid + "/recreate", nlohmann::json::object(), bearer(key)),
        403, "you do not have permission to perform this action: api-keys.recreate");
    check_error(send(api, "PATCH", kKeys + "/" + uuid, {{"name", "x-x"}}, bearer(key)), 403,
                "you do not have permission to perform this action: api-keys.update");
    // A browser session is never scoped.
    BOOST_TEST(
        send(browser, "DELETE", kKeys + "/" + uuid, nlohmann::json::object(), same_origin(browser))
            .status == 200);
}

BOOST_AUTO_TEST_CASE(account_routes_of_other_resources_check_their_permission_for_keys) {
    const auto t = create_user();
    auto browser = calagopus_signed_in(t);
    const std::string key = make_key(browser, key_body("narrow2", {"api-keys.read"}))["key"];
    auto api = calagopus();
    const auto refused = [](const std::string& permission) {
        return "you do not have permission to perform this action: " + permission;
    };
    // PATCH validates the body first (Calagopus' order), then the permission.
    check_error(send(api, "PATCH", "/api/client/account", {{"username", "x"}}, bearer(key)), 400,
                "username: length is lower than 3");
    check_error(send(api, "PATCH", "/api/client/account", {{"name_first", "Kim"}}, bearer(key)),
                403, refused("account.infos"));
    check_error(api.request("PUT", "/api/client/account/avatar", "x",
                            {{"Authorization", "Bearer " + key}, {"Content-Type", "image/png"}}),
                403, refused("account.avatar"));
    check_error(api.request("DELETE", "/api/client/account/avatar", "", bearer(key)), 403,
                refused("account.avatar"));
    check_error(api.get("/api/client/account/activity", bearer(key)), 403,
                refused("activity.read"));
    check_error(api.get("/api/client/account/sessions", bearer(key)), 403,
                refused("sessions.read"));
    check_error(api.request("DELETE", "/api/client/account/sessions", "", bearer(key)), 403,
                refused("sessions.delete"));
    check_error(api.get("/api/client/account/ssh-keys", bearer(key)), 403,
                refused("ssh-keys.read"));
    check_error(send(api, "POST", "/api/client/account/ssh-keys",
                     {{"name", "laptop"}, {"public_key", "ssh-ed25519 AAAA"}}, bearer(key)),
                403, refused("ssh-keys.create"));
    // The name the key was not given changed nothing.
    BOOST_TEST(browser.get("/api/client/account").json()["user"]["name_first"] != "Kim");
}

BOOST_AUTO_TEST_CASE(a_key_limited_by_address_or_time_adds_no_ssh_key) {
    const auto t = create_user();
    auto browser = calagopus_signed_in(t);
    auto limited = key_body("limited", {"ssh-keys.create", "ssh-keys.read"});
    limited["allowed_ips"] = {"127.0.0.1", "::1"};
    const std::string key = make_key(browser, limited)["key"];
    auto api = calagopus();
    BOOST_TEST(api.get("/api/client/account/ssh-keys", bearer(key)).status == 200);
    // An SSH key would be a credential without the key's address limit.
    check_error(send(api, "POST", "/api/client/account/ssh-keys",
                     {{"name", "laptop"},
                      {"public_key",
                       "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICAAcRquoHGIqvs8Ki+"
                       "viU9N6yfBhwSL6pcL+aSLT8hy"}},
                     bearer(key)),
                403, "an api key limited to addresses or an expiry cannot add ssh keys");
    check_error(send(api, "POST", "/api/client/account/ssh-keys/import",
                     {{"provider", "github"}, {"username", "octocat"}}, bearer(key)),
                403, "an api key limited to addresses or an expiry cannot add ssh keys");
}

BOOST_AUTO_TEST_CASE(a_key_widening_itself_or_another_is_refused) {
    auto browser = calagopus_signed_in(create_user());
    const auto made =
        make_key(browser, key_body("maker",
                                   {"api-keys.create", "api-keys.read", "api-keys.update",
                                    "api-keys.recreate", "api-keys.delete"},
                                   {"stats.read"}, {"files.read"}));
    const std::string key = made["key"];
    const std::string self = made["api_key"]["uuid"];
    auto api = calagopus();
    // Create: any list wider than its own.
    check_error(send(api, "POST", kKeys, key_body("wider", {"account.email"}), bearer(key)), 400,
                "permissions: more permissions than self");
    check_error(send(api, "POST", kKeys, key_body("wider", nlohmann::json::array(), {"users.read"}),
                     bearer(key)),
                400, "permissions: more permissions than self");
    check_error(
        send(api, "POST", kKeys,
             key_body("wider", nlohmann::json::array(), nlohmann::json::array(), {"files.delete"}),
             bearer(key)),
        400, "permissions: more permissions than self");
    // The subset rule comes before validation (an unknown name is just "more").
    check_error(send(api, "POST", kKeys, key_body("x", {"nope"}), bearer(key)), 400,
                "permissions: more permissions than self");
    // Narrower is fine.
    const auto child = send(
        api, "POST", kKeys,
        key_body("child", {"api-keys.read"}, nlohmann::json::array(), {"files.read"}), bearer(key));
    BOOST_REQUIRE_MESSAGE(child.status == 200, child.body);
    // PATCH: itself or the child, wider.
    check_error(send(api, "PATCH", kKeys + "/" + self, {{"user_permissions", {"account.email"}}},
                     bearer(key)),
                400, "permissions: more permissions than self");
    const std::string child_uuid = child.json()["api_key"]["uuid"];
    check_error(send(api, "PATCH", kKeys + "/" + child_uuid,
                     {{"admin_permissions", {"users.read"}}}, bearer(key)),
                400, "permissions: more permissions than self");
    // Recreate or delete a key wider than itself (the owner's own, made by the session).
    const std::string wide =
        make_key(browser, key_body("wide", {"account.email"}))["api_key"]["uuid"];
    check_error(
        send(api, "POST", kKeys + "/" + wide + "/recreate", nlohmann::json::object(), bearer(key)),
        400, "unable to recreate api key with more permissions than self");
    check_error(send(api, "DELETE", kKeys + "/" + wide, nlohmann::json::object(), bearer(key)), 400,
                "unable to delete api key with more permissions than self");
    // Nothing widened.
    const auto listed = browser.get(kKeys).json()["api_keys"]["data"];
    BOOST_TEST(listed.size() == 3u);
    BOOST_TEST(listed[0]["user_permissions"].size() == 5u);
    BOOST_TEST(listed[0]["admin_permissions"] == nlohmann::json({"stats.read"}));
    // The child may be recreated by its maker.
    BOOST_TEST(send(api, "POST", kKeys + "/" + child_uuid + "/recreate", nlohmann::json::object(),
                    bearer(key))
                   .status == 200);
}

BOOST_AUTO_TEST_CASE(a_session_may_grant_any_valid_permission) {
    auto browser = calagopus_signed_in(create_user());
    const auto made = make_key(browser, key_body("admin-ish", {"account.email"},
                                                 {"users.impersonate"}, {"control.console"}));
    BOOST_TEST(made["api_key"]["admin_permissions"] == nlohmann::json({"users.impersonate"}));
}

BOOST_AUTO_TEST_SUITE_END()
