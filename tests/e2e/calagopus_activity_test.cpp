// Calagopus' GET /api/client/account/activity through nginx: the account's log in Calagopus'
// names whichever dialect recorded it, newest first, paged, searched on the names shown
// (reference §5, §15).

#include "e2e_fixture.hpp"
#include "services/activity_service.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

void check_errors(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"errors", {message}}}), r.body);
}

void record(const TestUser& t, const std::string& event, nlohmann::json properties = {}) {
    services::ActivityEvent e;
    e.event = event;
    e.actor_id = t.user.id;
    e.subject_user_id = t.user.id;
    e.ip = "192.0.2.7";
    e.properties = properties.is_null() ? nlohmann::json::object() : std::move(properties);
    Stack::get().root().activity().record(e);
}

std::vector<std::string> events(const HttpResult& r) {
    std::vector<std::string> out;
    const auto body = r.json();
    for (const auto& entry : body["activities"]["data"])
        out.push_back(entry["event"]);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_activity)

BOOST_AUTO_TEST_CASE(the_log_is_paginated_newest_first_in_calagopus_names_and_shape) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);  // auth:success
    record(t, "user:account.email-changed", {{"old", "a@example.com"}, {"new", "b@example.com"}});
    record(t, "user:api-key.create", {{"identifier", "c7sp_x"}});
    record(t, "custom:thing");
    const auto r = client.get("/api/client/account/activity");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    const auto body = nlohmann::ordered_json::parse(r.body);
    const auto& page = body["activities"];
    BOOST_TEST(page["total"] == 4);
    BOOST_TEST(page["per_page"] == 25);
    BOOST_TEST(page["page"] == 1);
    BOOST_TEST((events(r) == std::vector<std::string>{"custom:thing", "api-key:create",
                                                      "account:email-changed", "auth:success"}));
    const auto& entry = page["data"][2];
    std::vector<std::string> keys;
    for (const auto& [k, v] : entry.items())
        keys.push_back(k);
    BOOST_TEST((keys == std::vector<std::string>{"user", "impersonator", "event", "ip", "data",
                                                 "is_api", "created"}));
    BOOST_TEST(entry["impersonator"].is_null());
    BOOST_TEST(entry["ip"] == "192.0.2.7");
    BOOST_TEST(entry["data"]["old"] == "a@example.com");
    BOOST_TEST(entry["is_api"] == false);
    BOOST_TEST(entry["created"].get<std::string>().ends_with("Z"));

    const auto second = client.get("/api/client/account/activity?page=2&per_page=3");
    BOOST_TEST(second.json()["activities"]["total"] == 4);
    BOOST_TEST((events(second) == std::vector<std::string>{"auth:success"}));
}

BOOST_AUTO_TEST_CASE(search_matches_the_names_calagopus_shows_not_the_stored_ones) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    record(t, "user:account.email-changed");
    record(t, "user:ssh-key.create");
    record(t, "custom:account-widget");
    const auto account = client.get("/api/client/account/activity?search=ACCOUNT");
    BOOST_TEST((events(account) ==
                std::vector<std::string>{"custom:account-widget", "account:email-changed"}));
    BOOST_TEST(account.json()["activities"]["total"] == 2);
    // "user:" is in the stored names only: none of these is shown with it.
    BOOST_TEST(events(client.get("/api/client/account/activity?search=user%3A")).empty());
    BOOST_TEST((events(client.get("/api/client/account/activity?search=ssh-key%3Acr")) ==
                std::vector<std::string>{"ssh-key:create"}));
    // An empty search is no search.
    BOOST_TEST(client.get("/api/client/account/activity?search=").json()["activities"]["total"] ==
               4);
}

BOOST_AUTO_TEST_CASE(bad_page_queries_are_400) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    check_errors(client.get("/api/client/account/activity?page=0"), 400, "page: lower than 1");
    check_errors(client.get("/api/client/account/activity?per_page=101"), 400,
                 "per_page: greater than 100");
    check_errors(client.get("/api/client/account/activity?search=" + std::string(129, 'a')), 400,
                 "search: length is greater than 128");
    BOOST_TEST(client.get("/api/client/account/activity?page=x").status == 400);
}

BOOST_AUTO_TEST_CASE(only_the_callers_own_log_is_listed_and_none_without_credentials) {
    const auto t = create_user();
    const auto other = create_user();
    record(other, "custom:someone-else");
    auto client = calagopus_signed_in(t);
    BOOST_TEST((events(client.get("/api/client/account/activity")) ==
                std::vector<std::string>{"auth:success"}));
    check_errors(calagopus().get("/api/client/account/activity"), 401, "missing authorization");
}

BOOST_AUTO_TEST_SUITE_END()
