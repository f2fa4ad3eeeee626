// GET /api/client/account/activity as Pterodactyl's SPA calls it.

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

std::vector<std::string> events_of(const nlohmann::json& list) {
    std::vector<std::string> out;
    for (const auto& item : list["data"])
        out.push_back(item["attributes"]["event"]);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pterodactyl_activity)

BOOST_AUTO_TEST_CASE(sign_ins_failures_and_account_changes_are_listed_newest_first) {
    const auto t = create_user();
    pterodactyl().post_json("/auth/login",
                            {{"user", t.user.username}, {"password", "wrong password"}});
    auto client = pterodactyl_signed_in(t);
    const auto fresh = unique_name("act") + "@example.com";
    BOOST_REQUIRE_EQUAL(
        client
            .request("PUT", "/api/client/account/email",
                     nlohmann::json{{"email", fresh}, {"password", t.password}}.dump(),
                     {{"Content-Type", "application/json"},
                      {"X-XSRF-TOKEN", *client.cookie("XSRF-TOKEN")}})
            .status,
        204);
    const auto r =
        client.get("/api/client/account/activity?sort=-timestamp&page=1&include[]=actor");
    BOOST_TEST(r.status == 200);
    const auto body = r.json();
    BOOST_TEST(body["object"] == "list");
    BOOST_TEST((events_of(body) == std::vector<std::string>{"user:account.email-changed",
                                                            "auth:success", "auth:fail"}));
    const auto changed = body["data"][0]["attributes"];
    BOOST_TEST(changed["properties"] == nlohmann::json({{"old", t.user.email}, {"new", fresh}}));
    BOOST_TEST(changed["has_additional_metadata"] == false);
    BOOST_TEST(changed["ip"] == "127.0.0.1");
    BOOST_TEST(changed["is_api"] == false);
    BOOST_TEST(changed["id"].get<std::string>().size() == 40u);
    BOOST_TEST(changed["timestamp"].get<std::string>().ends_with("+00:00"));
    BOOST_TEST(changed["relationships"]["actor"]["attributes"]["uuid"] == t.user.uuid);
    BOOST_TEST(
        changed["relationships"]["actor"]["attributes"]["image"].get<std::string>().starts_with(
            "https://gravatar.com/avatar/"));
    // The failed sign-in had no actor: its address and ip property are hidden from the owner.
    const auto failed = body["data"][2]["attributes"];
    BOOST_TEST(failed["ip"].is_null());
    BOOST_TEST(failed["properties"]["ip"] == "[hidden]");
    BOOST_TEST(failed["properties"]["username"] == t.user.username);
    BOOST_TEST(failed["has_additional_metadata"] == true);
    BOOST_TEST(failed["relationships"]["actor"] ==
               nlohmann::json({{"object", "null_resource"}, {"attributes", nullptr}}));
    const auto pagination = body["meta"]["pagination"];
    BOOST_TEST(pagination["total"] == 3);
    BOOST_TEST(pagination["count"] == 3);
    BOOST_TEST(pagination["per_page"] == 25);
    BOOST_TEST(pagination["links"] == nlohmann::json::object());
}

BOOST_AUTO_TEST_CASE(the_event_filter_sort_and_pages_work) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    for (int i = 0; i < 2; ++i)
        pterodactyl_signed_in(t);
    auto r = client.get(
        "/api/client/account/activity?filter%5Bevent%5D=SUCCESS&sort=timestamp&per_page=2&page=1");
    BOOST_TEST(r.status == 200);
    auto body = r.json();
    BOOST_TEST(body["meta"]["pagination"]["total"] == 3);
    BOOST_TEST(body["meta"]["pagination"]["total_pages"] == 2);
    BOOST_TEST(body["data"].size() == 2u);
    const std::string next = body["meta"]["pagination"]["links"]["next"];
    BOOST_TEST(next.ends_with(
        "/api/client/account/activity?filter%5Bevent%5D=SUCCESS&sort=timestamp&per_page=2&page=2"));
    // server.public_url (scripts/test.sh), not the Host header the client sent.
    BOOST_TEST(next.starts_with(client.base_url() + "/api/"));
    const auto forged = client.get("/api/client/account/activity?per_page=2&page=1",
                                   {{"Host", "attacker.example"}});
    BOOST_TEST(forged.status == 200);
    const std::string forged_next = forged.json()["meta"]["pagination"]["links"]["next"];
    BOOST_TEST(forged_next.starts_with(client.base_url() + "/api/client/account/activity?"));
    BOOST_TEST(forged_next.find("attacker") == std::string::npos);
    r = client.get(
        "/api/client/account/activity?filter%5Bevent%5D=SUCCESS&sort=timestamp&per_page=2&page=2");
    body = r.json();
    BOOST_TEST(body["data"].size() == 1u);
    BOOST_TEST(body["meta"]["pagination"]["links"].contains("previous"));
    BOOST_TEST(client.get("/api/client/account/activity?filter[event]=nothing-like-this")
                   .json()["data"]
                   .empty());
}

BOOST_AUTO_TEST_CASE(unknown_filters_and_sorts_are_400) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    auto r = client.get("/api/client/account/activity?filter[ip]=127.0.0.1");
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.json()["errors"][0]["code"] == "InvalidFilterQuery");
    BOOST_TEST(r.json()["errors"][0]["detail"] ==
               "Requested filter(s) `ip` are not allowed. Allowed filter(s) are `event`.");
    r = client.get("/api/client/account/activity?sort=-ip");
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.json()["errors"][0]["code"] == "InvalidSortQuery");
}

BOOST_AUTO_TEST_CASE(a_page_or_page_size_that_is_no_whole_number_in_range_is_422) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    const auto check = [&](const std::string& query, const std::string& field,
                           const std::string& rule, const std::string& detail) {
        const auto r = client.get("/api/client/account/activity?" + query);
        BOOST_TEST(r.status == 422, query << " -> " << r.status);
        const auto error = r.json()["errors"][0];
        BOOST_TEST(error["code"] == "ValidationException", query);
        BOOST_TEST(error["status"] == "422", query);
        BOOST_TEST(error["detail"] == detail, query << ": " << r.body);
        BOOST_TEST(error["meta"] == (nlohmann::json{{"source_field", field}, {"rule", rule}}),
                   query);
    };
    check("page=0", "page", "min", "The page must be at least 1.");
    check("page=-1", "page", "min", "The page must be at least 1.");
    check("page=abc", "page", "integer", "The page must be an integer.");
    check("page=1.5", "page", "integer", "The page must be an integer.");
    check("page=", "page", "integer", "The page must be an integer.");
    check("page=99999999999999999999", "page", "integer", "The page must be an integer.");
    check("page=1000001", "page", "max", "The page may not be greater than 1000000.");
    check("per_page=0", "per_page", "min", "The per page must be at least 1.");
    check("per_page=101", "per_page", "max", "The per page may not be greater than 100.");
    check("per_page=abc&page=1", "per_page", "integer", "The per page must be an integer.");
    // Both wrong: both reported.
    BOOST_TEST(
        client.get("/api/client/account/activity?per_page=abc&page=-4").json()["errors"].size() ==
        2u);
    // In range, with Laravel's trimming, still a page.
    BOOST_TEST(client.get("/api/client/account/activity?page=%202&per_page=100").status == 200);
    BOOST_TEST(client.get("/api/client/account/activity?page=1000000&per_page=1").status == 200);
}

BOOST_AUTO_TEST_CASE(another_users_activity_is_never_listed) {
    const auto a = create_user();
    const auto b = create_user();
    pterodactyl_signed_in(b);
    auto client = pterodactyl_signed_in(a);
    const auto listed = client.get("/api/client/account/activity").json();
    BOOST_TEST(listed["meta"]["pagination"]["total"] == 1);
    for (const auto& item : listed["data"])
        BOOST_TEST(item["attributes"]["event"] == "auth:success");
    BOOST_TEST(pterodactyl().get("/api/client/account/activity").status == 401);
}

BOOST_AUTO_TEST_CASE(a_failed_sign_in_that_names_no_account_leaves_no_row) {
    // No one can read a row without a subject, and made-up names would fill the table.
    const auto count_unowned = [] {
        int n = 0;
        Stack::get().sql() << "SELECT COUNT(*) FROM activity_logs WHERE subject_user_id IS NULL",
            soci::into(n);
        return n;
    };
    const int before = count_unowned();
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST(pterodactyl()
                       .post_json("/auth/login",
                                  {{"user", unique_name("ghost")}, {"password", "not a password"}})
                       .status == 400);
    }
    BOOST_TEST(count_unowned() == before);
}

BOOST_AUTO_TEST_SUITE_END()
