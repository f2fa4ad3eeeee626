// EcliPanel's API keys through nginx (reference eclipanel.md §2, §6, §9): the credential forms
// and their precedence, GET /api/apikeys/my, POST /api/apikeys, GET and DELETE
// /api/apikeys/:id, and the account's keys of every dialect.

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

struct Caller {
    TestUser t;
    std::string jwt;
};

Caller signed_in(TestUser t) {
    auto client = eclipanel();
    const auto r =
        client.post_json("/api/auth/login", {{"email", t.user.email}, {"password", t.password}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return {std::move(t), r.json()["token"].get<std::string>()};
}

// A root admin with two-factor on (the stack requires it of admins; the flag is what the gate
// reads), signed in before it was turned on, as EcliPanel has no checkpoint here yet.
Caller admin_signed_in() {
    auto c = signed_in(create_user(true));
    const long long id = static_cast<long long>(c.t.user.id);
    Stack::get().sql() << "UPDATE users SET totp_enabled = 1 WHERE id = :id", soci::use(id);
    return c;
}

Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}
Headers api_key(const std::string& key) {
    return {{"Authorization", "ApiKey " + key}};
}

HttpResult send(const std::string& method, const std::string& path, Headers headers,
                const std::string& body = "") {
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return eclipanel().request(method, path, body, headers);
}

HttpResult create(const Headers& auth, const nlohmann::json& body) {
    return send("POST", "/api/apikeys", auth, body.dump());
}

// A new key of the caller (through its session); its text and id.
struct Made {
    std::string key;
    std::uint64_t id = 0;
    nlohmann::json entry;
};
Made make_key(const Caller& c, const nlohmann::json& body) {
    const auto r = create(bearer(c.jwt), body);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return {r.json()["apiKey"], r.json()["id"], r.json()["entry"]};
}

nlohmann::json client_key(const std::string& name, const nlohmann::json& permissions) {
    return {{"name", name}, {"type", "client"}, {"permissions", permissions}};
}

void check_error(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"error", message}}), r.body);
}

void check_no_secrets(const std::string& body) {
    for (const char* secret : {"passwordHash", "password", "sessions", "twoFactorSecret",
                               "secret_hash", "\"key\"", "\"user\""}) {
        BOOST_TEST(body.find(secret) == std::string::npos, secret << " in " << body);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(eclipanel_api_keys)

BOOST_AUTO_TEST_CASE(a_new_key_is_64_hex_shown_once_and_stored_as_an_hmac) {
    const auto c = signed_in(create_user());
    const auto r = create(bearer(c.jwt), {{"name", " deploy "},
                                          {"type", "client"},
                                          {"userId", c.t.user.id},
                                          {"permissions", {"sshkeys:read", "apikeys:read"}}});
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    const auto body = r.json();
    BOOST_TEST(body["success"] == true);
    const std::string key = body["apiKey"];
    BOOST_TEST(key.size() == 64u);
    BOOST_TEST(key.find_first_not_of("0123456789abcdef") == std::string::npos);
    BOOST_TEST(body["id"].is_number_unsigned());
    const auto entry = body["entry"];
    BOOST_TEST(entry["id"] == body["id"]);
    BOOST_TEST(entry["name"] == "deploy");
    BOOST_TEST(entry["type"] == "client");
    BOOST_TEST(entry["permissions"] == nlohmann::json({"sshkeys:read", "apikeys:read"}));
    BOOST_TEST(entry["expiresAt"].is_null());
    BOOST_TEST(entry["createdAt"].get<std::string>().ends_with(".000Z"));
    check_no_secrets(r.body.substr(r.body.find("\"entry\"")));
    // Only the identifier and an HMAC are stored, never the key.
    std::string identifier;
    int stored_plain = 0;
    const long long id = body["id"];
    Stack::get().sql() << "SELECT identifier, secret_hash = :k FROM api_keys WHERE id = :id",
        soci::use(key), soci::use(id), soci::into(identifier), soci::into(stored_plain);
    BOOST_TEST(identifier == key.substr(0, 16));
    BOOST_TEST(stored_plain == 0);
    // The list shows it without the key text or the owner.
    const auto mine = send("GET", "/api/apikeys/my", bearer(c.jwt));
    BOOST_TEST(mine.status == 200);
    BOOST_REQUIRE(mine.json().size() == 1u);
    BOOST_TEST(mine.json()[0] == entry);
    BOOST_TEST(mine.body.find(key.substr(16)) == std::string::npos);
    check_no_secrets(mine.body);
}

BOOST_AUTO_TEST_CASE(credentials_are_read_in_eclipanels_order_with_its_messages) {
    const auto c = signed_in(create_user());
    const auto made = make_key(c, client_key("cred", nlohmann::json::array()));
    const std::string unknown(64, 'a');
    const std::string path = "/api/apikeys/my";
    check_error(send("GET", path, {}), 401, "Missing auth token");
    check_error(send("GET", path, {{"Authorization", "Basic abc"}}), 401, "Invalid token format");
    check_error(send("GET", path, {{"Authorization", "Bearer a b"}}), 401, "Invalid token format");
    check_error(send("GET", path, {{"Authorization", "short"}}), 401, "Invalid token format");
    check_error(send("GET", path, api_key(unknown)), 401, "Invalid API key");
    check_error(send("GET", path, api_key("nope")), 401, "Invalid API key");
    check_error(send("GET", path, {{"X-Api-Key", unknown}}), 401, "Invalid API key");
    // A Bearer or bare value that is no JWT of ours and cannot be a key.
    check_error(send("GET", path, bearer(std::string(30, 'x'))), 401, "Invalid token");
    // Every form of the key works; a key caller sees itself only.
    for (const auto& headers : {api_key(made.key), Headers{{"X-Api-Key", made.key}},
                                bearer(made.key), Headers{{"Authorization", made.key}}}) {
        const auto r = send("GET", path, headers);
        BOOST_TEST(r.status == 200, r.body);
        BOOST_TEST(r.json().size() == 1u);
        BOOST_TEST(r.json()[0]["id"] == made.id);
    }
    // Authorization wins over X-Api-Key, which wins over the cookie.
    check_error(
        send("GET", path, {{"Authorization", "ApiKey " + unknown}, {"X-Api-Key", made.key}}), 401,
        "Invalid API key");
    BOOST_TEST(
        send("GET", path, {{"Authorization", "Bearer " + c.jwt}, {"X-Api-Key", unknown}}).status ==
        200);
    check_error(send("GET", path, {{"X-Api-Key", unknown}, {"Cookie", "token=" + c.jwt}}), 401,
                "Invalid API key");
    BOOST_TEST(send("GET", path, {{"Cookie", "token=" + c.jwt}}).status == 200);
}

BOOST_AUTO_TEST_CASE(an_expired_a_deleted_or_a_suspended_owners_key_is_refused) {
    const auto c = signed_in(create_user());
    const auto expired = make_key(
        c, {{"name", "old"}, {"type", "client"}, {"expiresAt", "2001-01-01T00:00:00.000Z"}});
    BOOST_TEST(expired.entry["expiresAt"] == "2001-01-01T00:00:00.000Z");
    check_error(send("GET", "/api/apikeys/my", api_key(expired.key)), 401, "Invalid API key");
    check_error(send("GET", "/api/apikeys/my", bearer(expired.key)), 401, "Invalid API key");
    const auto later =
        make_key(c, {{"name", "later"}, {"type", "client"}, {"expiresAt", "2999-01-01T00:00:00Z"}});
    BOOST_TEST(send("GET", "/api/apikeys/my", api_key(later.key)).status == 200);
    const auto del = send("DELETE", "/api/apikeys/" + std::to_string(later.id), bearer(c.jwt));
    BOOST_TEST(del.status == 200, del.body);
    BOOST_TEST(del.json() == nlohmann::json({{"success", true}}));
    check_error(send("GET", "/api/apikeys/my", api_key(later.key)), 401, "Invalid API key");
    const auto live = make_key(c, client_key("live", nlohmann::json::array()));
    suspend(c.t.user.id);
    check_error(send("GET", "/api/apikeys/my", api_key(live.key)), 403,
                "Account is suspended. Please contact support.");
}

BOOST_AUTO_TEST_CASE(last_used_is_kept) {
    const auto c = signed_in(create_user());
    const auto made = make_key(c, client_key("used", nlohmann::json::array()));
    BOOST_TEST(made.entry["lastUsedAt"].is_null());
    BOOST_TEST(send("GET", "/api/apikeys/my", api_key(made.key)).status == 200);
    const auto mine = send("GET", "/api/apikeys/my", bearer(c.jwt));
    BOOST_TEST(mine.json()[0]["lastUsedAt"].is_string(), mine.body);
}

BOOST_AUTO_TEST_CASE(creation_checks_name_and_type_owner_admin_type_and_drops_permissions) {
    const auto c = signed_in(create_user());
    const auto auth = bearer(c.jwt);
    check_error(create(auth, {{"type", "client"}}), 400, "name and valid type required");
    check_error(create(auth, {{"name", "x"}}), 400, "name and valid type required");
    check_error(create(auth, {{"name", "x"}, {"type", "root"}}), 400,
                "name and valid type required");
    check_error(create(auth, {{"name", 5}, {"type", "client"}}), 400,
                "name and valid type required");
    check_error(create(auth, {{"name", "   "}, {"type", "client"}}), 400,
                "name and valid type required");
    check_error(create(auth, {{"name", std::string(256, 'n')}, {"type", "client"}}), 400,
                "name must be at most 255 characters");
    check_error(send("POST", "/api/apikeys", auth, "{\"name\":"), 422, "Request error");
    check_error(create(auth, {{"name", "x"}, {"type", "client"}, {"userId", "5"}}), 400,
                "userId must be a number");
    check_error(create(auth, {{"name", "x"}, {"type", "client"}, {"userId", c.t.user.id + 100000}}),
                403, "Not allowed to create keys for other users");
    check_error(create(auth, {{"name", "x"}, {"type", "admin"}}), 403,
                "Only system administrators with * permission can create admin API keys");
    check_error(create(auth, {{"name", "x"}, {"type", "client"}, {"expiresAt", "soon"}}), 400,
                "expiresAt must be a date");
    check_error(create(auth, {{"name", "x"}, {"type", "client"}, {"permissions", "all"}}), 400,
                "permissions must be an array of strings");
    // What the caller does not hold is dropped silently, as are non-strings.
    const auto made =
        make_key(c, client_key("dropped", {"*", "users:read", 5, "admin:access", "sshkeys:read",
                                           "apikeys:*", "sshkeys:read"}));
    BOOST_TEST(made.entry["permissions"] == nlohmann::json({"sshkeys:read"}));
    const auto none = make_key(c, {{"name", "none"}, {"type", "client"}});
    BOOST_TEST(none.entry["permissions"] == nlohmann::json::array());
}

BOOST_AUTO_TEST_CASE(root_admins_make_admin_keys_and_keys_for_others_within_what_they_hold) {
    const auto admin = admin_signed_in();
    const auto other = signed_in(create_user());
    const auto made = make_key(admin, {{"name", "tunnel-server-agent"}, {"type", "admin"}});
    BOOST_TEST(made.entry["type"] == "admin");
    BOOST_TEST(made.entry["permissions"] == nlohmann::json::array());
    // A root admin's client key keeps any permission; the admin key passes every check.
    const auto wide = make_key(admin, client_key("wide", {"*"}));
    BOOST_TEST(wide.entry["permissions"] == nlohmann::json({"*"}));
    BOOST_TEST(send("GET", "/api/ssh-keys", api_key(made.key)).status == 200);
    // For another user: the owner's holding bounds the list, and admin keys are for admins.
    const auto theirs =
        create(bearer(admin.jwt), {{"name", "for-other"},
                                   {"type", "client"},
                                   {"userId", other.t.user.id},
                                   {"permissions", {"users:read", "sshkeys:read"}}});
    BOOST_REQUIRE_MESSAGE(theirs.status == 200, theirs.body);
    BOOST_TEST(theirs.json()["entry"]["permissions"] == nlohmann::json({"sshkeys:read"}));
    const auto listed = send("GET", "/api/apikeys/my", bearer(other.jwt));
    BOOST_REQUIRE(listed.json().size() == 1u);
    BOOST_TEST(listed.json()[0]["id"] == theirs.json()["id"]);
    check_error(
        create(bearer(admin.jwt), {{"name", "x"}, {"type", "admin"}, {"userId", other.t.user.id}}),
        403, "Only system administrators with * permission can create admin API keys");
    check_error(
        create(bearer(admin.jwt), {{"name", "x"}, {"type", "client"}, {"userId", 999999999}}), 404,
        "User not found");
    // Through the admin key too; through a client key only what the key itself allows.
    BOOST_TEST(create(api_key(made.key),
                      {{"name", "by-admin-key"}, {"type", "client"}, {"userId", other.t.user.id}})
                   .status == 200);
    const auto limited = make_key(admin, client_key("limited", {"apikeys:create"}));
    check_error(create(api_key(limited.key), {{"name", "x"}, {"type", "admin"}}), 403,
                "Only system administrators with * permission can create admin API keys");
    check_error(create(api_key(limited.key),
                       {{"name", "x"}, {"type", "client"}, {"userId", other.t.user.id}}),
                403, "Not allowed to create keys for other users");
    const auto child =
        create(api_key(limited.key), client_key("child", {"apikeys:create", "sshkeys:read"}));
    BOOST_REQUIRE_MESSAGE(child.status == 200, child.body);
    BOOST_TEST(child.json()["entry"]["permissions"] == nlohmann::json({"apikeys:create"}));
}

BOOST_AUTO_TEST_CASE(a_key_needs_the_routes_permission) {
    const auto c = signed_in(create_user());
    const auto bare = make_key(c, client_key("bare", nlohmann::json::array()));
    check_error(create(api_key(bare.key), client_key("x", nlohmann::json::array())), 403,
                "Insufficient permissions (api key)");
    check_error(send("DELETE", "/api/apikeys/" + std::to_string(bare.id), api_key(bare.key)), 403,
                "Insufficient permissions (api key)");
    // Reading: itself always, a sibling only with apikeys:read.
    const auto sibling = make_key(c, client_key("sibling", {"apikeys:read", "apikeys:delete"}));
    BOOST_TEST(send("GET", "/api/apikeys/" + std::to_string(bare.id), api_key(bare.key)).status ==
               200);
    check_error(send("GET", "/api/apikeys/" + std::to_string(sibling.id), api_key(bare.key)), 403,
                "Forbidden");
    const auto read = send("GET", "/api/apikeys/" + std::to_string(bare.id), api_key(sibling.key));
    BOOST_TEST(read.status == 200, read.body);
    BOOST_TEST(read.json()["name"] == "bare");
    check_no_secrets(read.body);
    // A restricted key deletes only keys within its own list (itself included).
    const auto wider = make_key(c, client_key("wider", {"apikeys:read", "sshkeys:read"}));
    check_error(send("DELETE", "/api/apikeys/" + std::to_string(wider.id), api_key(sibling.key)),
                403, "Forbidden");
    BOOST_TEST(
        send("DELETE", "/api/apikeys/" + std::to_string(sibling.id), api_key(sibling.key)).status ==
        200);
}

BOOST_AUTO_TEST_CASE(someone_elses_or_an_unknown_key_is_not_found) {
    const auto c = signed_in(create_user());
    const auto other = signed_in(create_user());
    const auto theirs = make_key(other, client_key("theirs", nlohmann::json::array()));
    const auto id = std::to_string(theirs.id);
    check_error(send("GET", "/api/apikeys/" + id, bearer(c.jwt)), 404, "not found");
    check_error(send("DELETE", "/api/apikeys/" + id, bearer(c.jwt)), 404, "not found");
    for (const char* unknown : {"999999999", "abc", "0", "-1", "1e3"}) {
        check_error(send("GET", std::string("/api/apikeys/") + unknown, bearer(c.jwt)), 404,
                    "not found");
        check_error(send("DELETE", std::string("/api/apikeys/") + unknown, bearer(c.jwt)), 404,
                    "not found");
    }
    BOOST_TEST(send("GET", "/api/apikeys/my", api_key(theirs.key)).status == 200);
    const auto own = send("GET", "/api/apikeys/" + id, bearer(other.jwt));
    BOOST_TEST(own.status == 200);
    BOOST_TEST(own.json()["type"] == "client");
}

BOOST_AUTO_TEST_CASE(key_creation_is_limited_per_user) {
    const auto c = signed_in(create_user());
    const auto limit = Stack::get().root().config().eclipanel_apikey_create_user_limit.hits;
    for (std::uint32_t i = 0; i < limit; ++i) {
        BOOST_TEST(
            create(bearer(c.jwt), client_key("k" + std::to_string(i), nlohmann::json::array()))
                .status == 200);
    }
    const auto r = create(bearer(c.jwt), client_key("over", nlohmann::json::array()));
    BOOST_TEST(r.status == 429, r.body);
    BOOST_TEST(r.json()["error"] == "rate_limited");
    BOOST_TEST(r.json()["retryAfter"].get<int>() > 0);
    BOOST_TEST(!r.header("retry-after").empty());
}

BOOST_AUTO_TEST_CASE(a_cookie_write_needs_a_same_site_origin) {
    const auto c = signed_in(create_user());
    auto browser = eclipanel();
    browser.set_cookie("token", c.jwt);
    const auto body = client_key("cookie", nlohmann::json::array()).dump();
    BOOST_TEST(browser.request("POST", "/api/apikeys", body, {{"Content-Type", "application/json"}})
                   .status == 403);
    auto headers = same_origin(browser);
    headers.emplace_back("Content-Type", "application/json");
    BOOST_TEST(browser.request("POST", "/api/apikeys", body, headers).status == 200);
}

BOOST_AUTO_TEST_CASE(the_session_read_names_a_keys_owner_without_a_session_id) {
    const auto c = signed_in(create_user());
    const auto made = make_key(c, client_key("whoami", nlohmann::json::array({"users:read"})));
    const auto r = send("GET", "/api/auth/session", api_key(made.key));
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    BOOST_TEST(r.json()["user"]["id"] == c.t.user.id);
    BOOST_TEST(r.json()["user"]["email"] == c.t.user.email);
    BOOST_TEST(!r.json()["user"].contains("sessionId"));
    for (const char* secret : {"passwordHash", "\"sessions\"", "twoFactorSecret", made.key.c_str()})
        BOOST_TEST(r.body.find(secret) == std::string::npos, secret);
    // The bench's read: /api/users/me with the same key.
    BOOST_TEST(send("GET", "/api/users/me", api_key(made.key)).status == 200);
}

BOOST_AUTO_TEST_CASE(a_key_edits_the_profile_only_with_the_account_permissions) {
    const auto c = signed_in(create_user());
    const auto path = "/api/users/" + std::to_string(c.t.user.id);
    const auto ssh_only = make_key(c, client_key("ssh", nlohmann::json::array({"sshkeys:read"})));
    check_error(send("PUT", path, api_key(ssh_only.key), R"({"firstName":"Keyed"})"), 403,
                "Insufficient permissions (api key)");
    const auto infos = make_key(c, client_key("infos", nlohmann::json::array({"account:infos"})));
    const auto renamed = send("PUT", path, api_key(infos.key), R"({"firstName":"Keyed"})");
    BOOST_TEST(renamed.status == 200, renamed.body);
    // The password and the address each need their own permission.
    const auto password = nlohmann::json(
        {{"password", "Another-Secret-Phrase-42!"}, {"currentPassword", c.t.password}});
    check_error(send("PUT", path, api_key(infos.key), password.dump()), 403,
                "Insufficient permissions (api key)");
    check_error(
        send("PUT", path, api_key(infos.key),
             nlohmann::json({{"email", "keyed@example.com"}, {"currentPassword", c.t.password}})
                 .dump()),
        403, "Insufficient permissions (api key)");
    check_error(send("POST", path + "/guide", api_key(ssh_only.key), R"({"shown":true})"), 403,
                "Insufficient permissions (api key)");
}

BOOST_AUTO_TEST_SUITE_END()
