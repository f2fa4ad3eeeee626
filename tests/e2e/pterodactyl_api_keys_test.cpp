// Pterodactyl account API keys (ApiKeyControllerTest, reference 14.2) and Bearer-key
// authentication of the client API.

#include "crypto/hash.hpp"
#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

HttpResult create(PterodactylSession& s, const nlohmann::json& body) {
    return s.client.post_json("/api/client/account/api-keys", body, s.write);
}

std::string create_key(PterodactylSession& s, const nlohmann::json& ips = nlohmann::json::array()) {
    const auto r = create(s, {{"description", "Test Description"}, {"allowed_ips", ips}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return r.json()["attributes"]["identifier"].get<std::string>() +
           r.json()["meta"]["secret_token"].get<std::string>();
}

Headers bearer(const std::string& key) {
    return {{"Authorization", "Bearer " + key}};
}

std::size_t key_count(PterodactylSession& s) {
    return s.client.get("/api/client/account/api-keys").json()["data"].size();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pterodactyl_api_keys)

BOOST_AUTO_TEST_CASE(keys_are_listed_in_transformer_form_without_their_secret) {
    auto s = pterodactyl_session(create_user());
    create_key(s);
    const auto list =
        nlohmann::ordered_json::parse(s.client.get("/api/client/account/api-keys").body);
    BOOST_TEST(list["object"] == "list");
    BOOST_REQUIRE(list["data"].size() == 1u);
    BOOST_TEST(list["data"][0]["object"] == "api_key");
    std::vector<std::string> order;
    for (const auto& [k, v] : list["data"][0]["attributes"].items())
        order.push_back(k);
    BOOST_TEST((order == std::vector<std::string>{"identifier", "description", "allowed_ips",
                                                  "last_used_at", "created_at"}));
    BOOST_TEST(list["data"][0]["attributes"]["last_used_at"].is_null());
    BOOST_TEST(list.dump().find("secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(
    keys_are_created_for_each_allowed_ip_set_and_authenticate_from_allowed_addresses) {
    const std::vector<nlohmann::json> sets = {
        nlohmann::json::array(),
        {"127.0.0.1"},
        {"127.0.0.1", "::1"},
        {"::ffff:7f00:1"},
        {"127.0.0.1", "192.168.1.100", "192.168.10.10/28"},
        {"127.0.0.1/32", "192.168.100.100/27", "::1", "::1/128"},
    };
    auto other = pterodactyl_session(create_user());
    for (int i = 0; i < 10; ++i)
        create_key(other);  // the limit is per user
    for (const auto& ips : sets) {
        auto s = pterodactyl_session(create_user());
        const auto r = create(s, {{"description", "Test Description"}, {"allowed_ips", ips}});
        BOOST_TEST(r.status == 200, r.body);
        const auto body = r.json();
        BOOST_TEST(body["object"] == "api_key");
        const std::string identifier = body["attributes"]["identifier"];
        const std::string secret = body["meta"]["secret_token"];
        BOOST_TEST(identifier.size() == 16u);
        BOOST_TEST(identifier.starts_with("ptlc_"));
        BOOST_TEST(secret.size() == 32u);
        BOOST_TEST(body["attributes"]["allowed_ips"] == ips);
        BOOST_TEST(body["attributes"]["description"] == "Test Description");
        const auto listed = s.client.get("/api/client/account/api-keys").json();
        BOOST_TEST(listed["data"][0]["attributes"] == body["attributes"]);
        // Only the digest is stored.
        std::string stored;
        Stack::get().sql() << "SELECT secret_hash FROM api_keys WHERE identifier = :i",
            soci::use(identifier), soci::into(stored);
        BOOST_TEST(stored ==
                   crypto::hmac_sha256(Stack::get().root().keys().api_key, identifier + secret));
        // Tests run from 127.0.0.1: ::ffff:127.0.0.1 is another address, as in Pterodactyl.
        const bool allowed = ips.empty() || ips.dump().find("\"127.0.0.1") != std::string::npos;
        const auto read = pterodactyl().get("/api/client/account", bearer(identifier + secret));
        BOOST_TEST(read.status == (allowed ? 200 : 403), ips.dump());
        if (!allowed) {
            BOOST_TEST(read.json()["errors"][0]["detail"] ==
                       "This IP address (127.0.0.1) does not have permission to access the API "
                       "using these credentials.");
        }
    }
}

BOOST_AUTO_TEST_CASE(a_created_key_is_in_the_activity_log_with_its_identifier) {
    auto s = pterodactyl_session(create_user());
    const auto identifier = create_key(s).substr(0, 16);
    const auto log =
        s.client.get("/api/client/account/activity?sort=-timestamp&include=actor").json();
    const auto entry = log["data"][0]["attributes"];
    BOOST_TEST(entry["event"] == "user:api-key.create");
    BOOST_TEST(entry["properties"]["identifier"] == identifier);
    BOOST_TEST(entry["is_api"] == false);
    BOOST_TEST(entry["relationships"]["actor"]["attributes"]["uuid"] == s.t.user.uuid);
}

BOOST_AUTO_TEST_CASE(the_other_allow_list_forms_are_accepted_and_enforced) {
    auto s = pterodactyl_session(create_user());
    for (const nlohmann::json& ips :
         {nlohmann::json{"127.0.0.*"}, nlohmann::json{"127.0.0.0-127.0.0.5"},
          nlohmann::json{"127.0.0.9 255.0.0.0"}}) {
        const auto key = create_key(s, ips);
        BOOST_TEST(pterodactyl().get("/api/client/account", bearer(key)).status == 200, ips.dump());
    }
    for (const nlohmann::json& ips :
         {nlohmann::json{"10.0.0.*"}, nlohmann::json{"127.0.0.2-127.0.0.5"},
          nlohmann::json{"10.1.2.3 255.255.0.0"}}) {
        const auto key = create_key(s, ips);
        BOOST_TEST(pterodactyl().get("/api/client/account", bearer(key)).status == 403, ips.dump());
    }
    // Entries that would be a 500 in Pterodactyl, and a wildcard wider than it reads.
    const auto r = create(
        s, {{"description", "d"}, {"allowed_ips", {"1.2.3.4/33", "10.0.0.9-10.0.0.1", "1.*.3.*"}}});
    BOOST_TEST(r.status == 422);
    const auto errors = r.json()["errors"];
    BOOST_REQUIRE(errors.size() == 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        BOOST_TEST(errors[i]["meta"]["source_field"] == "allowed_ips." + std::to_string(i));
        BOOST_TEST(errors[i]["meta"]["rule"] == "");
    }
    BOOST_TEST(errors[0]["detail"] == "\"1.2.3.4/33\" is not a valid IP address or CIDR range.");
}

BOOST_AUTO_TEST_CASE(a_key_never_makes_a_key_wider_than_itself) {
    auto s = pterodactyl_session(create_user());
    const auto limited = create_key(s, {"127.0.0.0/8"});
    const Headers as_limited = bearer(limited);
    auto api = pterodactyl();
    const auto make = [&](const nlohmann::json& ips) {
        return api.post_json("/api/client/account/api-keys",
                             {{"description", "child"}, {"allowed_ips", ips}}, as_limited);
    };
    BOOST_TEST(make({"127.0.0.1", "127.1.0.0/16"}).status == 200);
    const auto open = make(nlohmann::json::array());
    BOOST_TEST(open.status == 422, open.body);
    BOOST_TEST(open.json()["errors"][0]["meta"] ==
               (nlohmann::json{{"source_field", "allowed_ips"}, {"rule", ""}}));
    const auto outside = make({"127.0.0.1", "10.0.0.1", "127.0.0.0/7"});
    BOOST_TEST(outside.status == 422);
    const auto errors = outside.json()["errors"];
    BOOST_REQUIRE(errors.size() == 2u);
    BOOST_TEST(errors[0]["meta"]["source_field"] == "allowed_ips.1");
    BOOST_TEST(errors[0]["detail"] ==
               "\"10.0.0.1\" is not within the addresses allowed to the API key making this "
               "request.");
    BOOST_TEST(errors[1]["meta"]["source_field"] == "allowed_ips.2");

    // A key that expires passes its expiry on; an unrestricted key may make any key.
    const std::string identifier = limited.substr(0, 16);
    Stack::get().sql() << "UPDATE api_keys SET expires_at = UTC_TIMESTAMP() + INTERVAL 1 DAY "
                          "WHERE identifier = :i",
        soci::use(identifier);
    const auto child = make({"127.0.0.1"});
    BOOST_REQUIRE_EQUAL(child.status, 200);
    const std::string child_id = child.json()["attributes"]["identifier"];
    int same_expiry = 0;
    Stack::get().sql() << "SELECT COUNT(*) FROM api_keys c JOIN api_keys p ON p.identifier = :p "
                          "WHERE c.identifier = :c AND c.expires_at = p.expires_at",
        soci::use(identifier, "p"), soci::use(child_id, "c"), soci::into(same_expiry);
    BOOST_TEST(same_expiry == 1);
    const auto open_key = create_key(s);
    BOOST_TEST(api.post_json("/api/client/account/api-keys",
                             {{"description", "any"}, {"allowed_ips", nlohmann::json::array()}},
                             bearer(open_key))
                   .status == 200);
}

BOOST_AUTO_TEST_CASE(a_dead_session_cookie_falls_back_to_the_bearer_key_as_in_sanctum) {
    auto s = pterodactyl_session(create_user());
    auto other = pterodactyl_session(create_user());
    const auto key = create_key(s);
    const std::string cookie = "pterodactyl_session=" + *other.client.cookie("pterodactyl_session");
    // A live session wins over the key.
    auto r = pterodactyl().get("/api/client/account",
                               {{"Cookie", cookie}, {"Authorization", "Bearer " + key}});
    BOOST_TEST(r.json()["attributes"]["username"] == other.t.user.username);
    // A dead one: the key is used, and a write needs no XSRF header.
    r = pterodactyl().get("/api/client/account", {{"Cookie", "pterodactyl_session=stale"},
                                                  {"Authorization", "Bearer " + key}});
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.json()["attributes"]["username"] == s.t.user.username);
    BOOST_TEST(pterodactyl()
                   .post_json("/api/client/account/api-keys", {{"description", "from a script"}},
                              {{"Cookie", "pterodactyl_session=stale"},
                               {"Authorization", "Bearer " + key}})
                   .status == 200);
    // Neither alive: 401. Sign-out takes no key even then.
    BOOST_TEST(
        pterodactyl()
            .get("/api/client/account", {{"Cookie", "pterodactyl_session=stale"},
                                         {"Authorization", "Bearer " + std::string(48, 'x')}})
            .status == 401);
    BOOST_TEST(
        pterodactyl()
            .request("POST", "/auth/logout", "",
                     {{"Cookie", "pterodactyl_session=stale"}, {"Authorization", "Bearer " + key}})
            .status == 401);
}

BOOST_AUTO_TEST_CASE(more_than_fifty_addresses_are_422) {
    auto s = pterodactyl_session(create_user());
    nlohmann::json ips = nlohmann::json::array();
    for (int i = 0; i < 100; ++i)
        ips.push_back("127.0.0.1");
    const auto r = create(s, {{"description", "Test Description"}, {"allowed_ips", ips}});
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.json()["errors"][0]["detail"] ==
               "The allowed ips may not have more than 50 items.");
    BOOST_TEST(r.json()["errors"][0]["meta"] ==
               (nlohmann::json{{"source_field", "allowed_ips"}, {"rule", "max"}}));
}

BOOST_AUTO_TEST_CASE(the_twenty_sixth_key_is_refused) {
    auto s = pterodactyl_session(create_user());
    for (int i = 0; i < 25; ++i)
        create_key(s);
    const auto r =
        create(s, {{"description", "Test Description"}, {"allowed_ips", nlohmann::json::array()}});
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.json()["errors"][0]["code"] == "DisplayException");
    BOOST_TEST(r.json()["errors"][0]["detail"] ==
               "You have reached the account limit for number of API keys.");
    BOOST_TEST(key_count(s) == 25u);
}

BOOST_AUTO_TEST_CASE(descriptions_and_addresses_are_validated) {
    auto s = pterodactyl_session(create_user());
    auto r = create(s, {{"description", ""}});
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.json()["errors"][0]["meta"]["rule"] == "required");
    BOOST_TEST(r.json()["errors"][0]["detail"] == "The description field is required.");
    r = create(s, {{"description", std::string(501, 'd')}});
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.json()["errors"][0]["meta"]["rule"] == "max");
    BOOST_TEST(r.json()["errors"][0]["detail"] ==
               "The description may not be greater than 500 characters.");
    r = create(s, {{"description", "Test Description"},
                   {"allowed_ips", {"hodor", "127.0.0.1", "hodor/24"}}});
    BOOST_TEST(r.status == 422);
    const auto errors = r.json()["errors"];
    BOOST_REQUIRE(errors.size() == 2u);
    BOOST_TEST(errors[0]["detail"] == "\"hodor\" is not a valid IP address or CIDR range.");
    BOOST_TEST(errors[0]["meta"] ==
               nlohmann::json({{"source_field", "allowed_ips.0"}, {"rule", ""}}));
    BOOST_TEST(errors[1]["detail"] == "\"hodor/24\" is not a valid IP address or CIDR range.");
    BOOST_TEST(errors[1]["meta"]["source_field"] == "allowed_ips.2");
    // Pterodactyl answers 500 for these; they are plain 422s here.
    r = create(s, {{"description", "Test Description"},
                   {"allowed_ips", {"1.2.3.4/33", "10.0.0.9-10.0.0.1", 7}}});
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.json()["errors"].size() == 3u);
    r = create(s, {{"description", "Test Description"}, {"allowed_ips", "127.0.0.1"}});
    BOOST_TEST(r.status == 422);
    BOOST_TEST(key_count(s) == 0u);
}

BOOST_AUTO_TEST_CASE(input_strings_are_trimmed_as_laravel_does) {
    auto s = pterodactyl_session(create_user());
    // Spaces only are an empty description: required, and nothing is stored.
    for (const char* blank : {"   ", " \t\n ", "\u00a0\u3000"}) {
        const auto r = create(s, {{"description", blank}});
        BOOST_TEST(r.status == 422, r.body);
        BOOST_TEST(r.json()["errors"][0]["meta"]["rule"] == "required");
    }
    BOOST_TEST(key_count(s) == 0u);
    const auto r = create(s, {{"description", "  Deploy bot  "}, {"allowed_ips", {" 127.0.0.1 "}}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(r.json()["attributes"]["description"] == "Deploy bot");
    BOOST_TEST(r.json()["attributes"]["allowed_ips"] == nlohmann::json({"127.0.0.1"}));
    // The sign-in name is trimmed too; the password is taken as typed.
    BOOST_TEST(pterodactyl()
                   .post_json("/auth/login", {{"user", "  " + s.t.user.username + " "},
                                              {"password", s.t.password}})
                   .status == 200);
    BOOST_TEST(pterodactyl()
                   .post_json("/auth/login",
                              {{"user", s.t.user.username}, {"password", " " + s.t.password}})
                   .status != 200);
}

BOOST_AUTO_TEST_CASE(a_key_is_deleted_and_the_deletion_logged) {
    auto s = pterodactyl_session(create_user());
    const auto key = create_key(s);
    const auto identifier = key.substr(0, 16);
    const auto r =
        s.client.request("DELETE", "/api/client/account/api-keys/" + identifier, "", s.write);
    BOOST_TEST(r.status == 204);
    BOOST_TEST(key_count(s) == 0u);
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer(key)).status == 401);
    const auto log = s.client.get("/api/client/account/activity").json();
    BOOST_TEST(log["data"][0]["attributes"]["event"] == "user:api-key.delete");
    BOOST_TEST(log["data"][0]["attributes"]["properties"]["identifier"] == identifier);
}

BOOST_AUTO_TEST_CASE(unknown_other_users_and_application_keys_are_404_and_kept) {
    auto s = pterodactyl_session(create_user());
    auto other = pterodactyl_session(create_user());
    create_key(s);
    const auto theirs = create_key(other).substr(0, 16);
    for (const std::string& id : {std::string("1234"), theirs, std::string("ptlc_%E2%9C%93")}) {
        const auto r =
            s.client.request("DELETE", "/api/client/account/api-keys/" + id, "", s.write);
        BOOST_TEST(r.status == 404, id);
        BOOST_TEST(r.json()["errors"][0]["code"] == "NotFoundHttpException");
    }
    BOOST_TEST(key_count(s) == 1u);
    BOOST_TEST(key_count(other) == 1u);
    // A refused deletion is not an event: the newest entry is still the creation.
    const auto log = s.client.get("/api/client/account/activity?sort=-timestamp").json();
    BOOST_TEST(log["data"][0]["attributes"]["event"] == "user:api-key.create");
}

BOOST_AUTO_TEST_CASE(an_application_key_is_refused_on_the_client_api) {
    auto s = pterodactyl_session(create_user());
    const std::string token = "ptla_" + unique_name("").substr(0, 11) + std::string(32, 'S');
    const std::string hash = crypto::hmac_sha256(Stack::get().root().keys().api_key, token);
    const std::string identifier = token.substr(0, 16);
    const long long owner = static_cast<long long>(s.t.user.id);
    Stack::get().sql()
        << "INSERT INTO api_keys (user_id, key_type, identifier, secret_hash, description, "
           "created_at, updated_at) VALUES (:u, 2, :i, :h, 'app', UTC_TIMESTAMP(), "
           "UTC_TIMESTAMP())",
        soci::use(owner), soci::use(identifier), soci::use(hash);
    const auto r = pterodactyl().get("/api/client/account", bearer(token));
    BOOST_TEST(r.status == 403);
    BOOST_TEST(r.json()["errors"][0]["detail"] ==
               "You are attempting to use an application API key on an endpoint that requires a "
               "client API key.");
    const auto del =
        s.client.request("DELETE", "/api/client/account/api-keys/" + identifier, "", s.write);
    BOOST_TEST(del.status == 404);
    int kept = 0;
    Stack::get().sql() << "SELECT COUNT(*) FROM api_keys WHERE identifier = :i",
        soci::use(identifier), soci::into(kept);
    BOOST_TEST(kept == 1);
}

BOOST_AUTO_TEST_CASE(bearer_keys_need_no_xsrf_but_cannot_sign_out_and_act_as_api) {
    auto s = pterodactyl_session(create_user());
    const auto key = create_key(s);
    auto api = pterodactyl();
    const auto made = api.post_json("/api/client/account/api-keys",
                                    {{"description", "made by a key"}}, bearer(key));
    BOOST_TEST(made.status == 200);
    BOOST_TEST(api.request("POST", "/auth/logout", "", bearer(key)).status == 401);
    const auto log = s.client.get("/api/client/account/activity").json();
    BOOST_TEST(log["data"][0]["attributes"]["event"] == "user:api-key.create");
    BOOST_TEST(log["data"][0]["attributes"]["is_api"] == true);
}

BOOST_AUTO_TEST_CASE(wrong_expired_and_malformed_keys_are_401) {
    auto s = pterodactyl_session(create_user());
    const auto key = create_key(s);
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer(key)).status == 200);
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer(key.substr(0, 47) + "x")).status ==
               401);
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer(key + "x")).status == 401);
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer("1|" + key)).status == 401);
    BOOST_TEST(
        pterodactyl().get("/api/client/account", {{"Authorization", "Basic " + key}}).status ==
        401);
    const std::string identifier = key.substr(0, 16);
    Stack::get().sql() << "UPDATE api_keys SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND "
                          "WHERE identifier = :i",
        soci::use(identifier);
    const auto expired = pterodactyl().get("/api/client/account", bearer(key));
    BOOST_TEST(expired.status == 401);
    BOOST_TEST(expired.json()["errors"][0]["code"] == "AuthenticationException");
}

BOOST_AUTO_TEST_CASE(last_used_is_kept_without_a_write_per_request) {
    auto s = pterodactyl_session(create_user());
    const auto key = create_key(s);
    const std::string identifier = key.substr(0, 16);
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer(key)).status == 200);
    const auto first = s.client.get("/api/client/account/api-keys")
                           .json()["data"][0]["attributes"]["last_used_at"];
    BOOST_TEST(!first.is_null());
    Stack::get().sql() << "UPDATE api_keys SET last_used_at = UTC_TIMESTAMP() - INTERVAL 20 SECOND "
                          "WHERE identifier = :i",
        soci::use(identifier);
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer(key)).status == 200);
    int age = 0;
    Stack::get().sql() << "SELECT TIMESTAMPDIFF(SECOND, last_used_at, UTC_TIMESTAMP()) FROM "
                          "api_keys WHERE identifier = :i",
        soci::use(identifier), soci::into(age);
    BOOST_TEST(age >= 19);  // not rewritten within the touch interval
}

BOOST_AUTO_TEST_CASE(a_blocked_address_is_logged_and_keys_survive_a_password_change) {
    auto s = pterodactyl_session(create_user());
    const auto blocked = create_key(s, {"10.0.0.0/8"});
    const auto open = create_key(s);
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer(blocked)).status == 403);
    auto log = s.client.get("/api/client/account/activity?filter[event]=ip-blocked").json();
    BOOST_TEST(log["meta"]["pagination"]["total"] == 1);
    BOOST_TEST(log["data"][0]["attributes"]["properties"]["identifier"] == blocked.substr(0, 16));
    const std::string fresh = "a brand new password";
    BOOST_TEST(s.client
                   .request("PUT", "/api/client/account/password",
                            nlohmann::json{{"current_password", s.t.password},
                                           {"password", fresh},
                                           {"password_confirmation", fresh}}
                                .dump(),
                            {{"Content-Type", "application/json"}, s.write[0]})
                   .status == 204);
    BOOST_TEST(pterodactyl().get("/api/client/account", bearer(open)).status == 200);
}

BOOST_AUTO_TEST_CASE(a_key_refused_again_and_again_is_logged_once_not_per_request) {
    // A leaked key used from elsewhere would otherwise add an activity row per request.
    auto s = pterodactyl_session(create_user());
    const auto blocked = create_key(s, {"10.0.0.0/8"});
    for (int i = 0; i < 20; ++i)
        BOOST_TEST(pterodactyl().get("/api/client/account", bearer(blocked)).status == 403);
    auto log = s.client.get("/api/client/account/activity?filter[event]=ip-blocked").json();
    BOOST_TEST(log["meta"]["pagination"]["total"] == 1);
}

BOOST_AUTO_TEST_SUITE_END()
