// Calagopus sessions (§8) through nginx: the list (every dialect's sessions, newest first,
// search, is_using), ending one or all but the caller's, dead everywhere at once; and the
// rolling session cookie (§2 step 4, §8).

#include <regex>
#include <thread>

#include "calagopus_e2e_support.hpp"

using namespace accountd;
using namespace accountd::testing;
using namespace accountd::testing::calagopus_support;

namespace {

constexpr const char* kPath = "/api/client/account/sessions";

Client signed_in_as(const TestUser& t, const std::string& agent) {
    auto client = calagopus();
    const auto r =
        client.post_json("/api/auth/login", {{"user", t.user.username}, {"password", t.password}},
                         {{"User-Agent", agent}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return client;
}

HttpResult del(Client& client, const std::string& path) {
    return client.request("DELETE", path, "", writes(client));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_sessions)

BOOST_AUTO_TEST_CASE(the_list_shows_every_dialects_sessions_newest_first_with_is_using) {
    const auto t = create_user();
    auto first = signed_in_as(t, "agent-first");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // created a second apart
    auto ptero = pterodactyl_signed_in(t);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    auto current = signed_in_as(t, "agent-current");
    const auto r = current.get(kPath);
    BOOST_TEST(r.status == 200, r.body);
    const auto page = nlohmann::ordered_json::parse(r.body)["sessions"];
    BOOST_TEST(page["total"] == 3);
    BOOST_TEST(page["page"] == 1);
    BOOST_TEST(page["per_page"] == 25);
    BOOST_REQUIRE(page["data"].size() == 3u);
    const auto& newest = page["data"][0];
    std::vector<std::string> keys;
    for (const auto& [k, v] : newest.items())
        keys.push_back(k);
    BOOST_TEST((keys == std::vector<std::string>{"uuid", "ip", "user_agent", "is_using",
                                                 "last_used", "created"}));
    BOOST_TEST(newest["user_agent"] == "agent-current");
    BOOST_TEST(newest["is_using"] == true);
    BOOST_TEST(newest["ip"] == "127.0.0.1");
    BOOST_TEST(std::regex_match(newest["created"].get<std::string>(),
                                std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
    BOOST_TEST(page["data"][1]["is_using"] == false);
    BOOST_TEST(page["data"][2]["user_agent"] == "agent-first");
    BOOST_TEST(page["data"][2]["is_using"] == false);

    const auto found = current.get(std::string(kPath) + "?search=AGENT-F").json()["sessions"];
    BOOST_TEST(found["total"] == 1);
    BOOST_TEST(found["data"][0]["user_agent"] == "agent-first");
    const auto second_page = current.get(std::string(kPath) + "?page=2&per_page=1").json();
    BOOST_TEST(second_page["sessions"]["total"] == 3);
    BOOST_TEST(second_page["sessions"]["data"].size() == 1u);
    check_error(current.get(std::string(kPath) + "?page=0"), 400, "page: lower than 1");
    check_error(current.get(std::string(kPath) + "?per_page=101"), 400,
                "per_page: greater than 100");
    // Another user's sessions are not listed.
    auto stranger = calagopus_signed_in(create_user());
    BOOST_TEST(stranger.get(kPath).json()["sessions"]["total"] == 1);
}

BOOST_AUTO_TEST_CASE(ending_one_session_kills_it_in_every_dialect_and_not_anothers) {
    const auto t = create_user();
    auto ptero = pterodactyl_signed_in(t);
    auto client = calagopus_signed_in(t);
    auto stranger = calagopus_signed_in(create_user());
    const auto list = client.get(kPath).json()["sessions"]["data"];
    std::string ptero_uuid, own_uuid;
    for (const auto& s : list) {
        if (s["is_using"] == true) {
            own_uuid = s["uuid"];
        } else {
            ptero_uuid = s["uuid"];
        }
    }
    BOOST_REQUIRE(!ptero_uuid.empty());
    // Someone else's session answers like a missing one, and stays.
    check_error(del(stranger, std::string(kPath) + "/" + ptero_uuid), 404, "session not found");
    BOOST_TEST(ptero.get("/api/client/account").status == 200);
    check_error(del(client, std::string(kPath) + "/00000000-0000-4000-8000-000000000000"), 404,
                "session not found");
    check_error(del(client, std::string(kPath) + "/not-a-uuid"), 404, "session not found");
    const auto r = del(client, std::string(kPath) + "/" + ptero_uuid);
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json() == nlohmann::json::object());
    // Revoked here, dead in Pterodactyl at once.
    BOOST_TEST(ptero.get("/api/client/account").status == 401);
    const auto events = stored_activity(t.user.id);
    BOOST_TEST(events.back().first == "user:session.delete");
    BOOST_TEST(events.back().second["uuid"] == ptero_uuid);
    BOOST_TEST(events.back().second.contains("user_agent"));
    BOOST_TEST(events.back().second["ip"] == "127.0.0.1");
    // Ending one's own session is allowed; the next request is refused.
    BOOST_TEST(del(client, std::string(kPath) + "/" + own_uuid).status == 200);
    check_error(client.get("/api/client/account"), 401, "invalid session");
}

BOOST_AUTO_TEST_CASE(ending_all_but_the_current_session_answers_how_many) {
    const auto t = create_user();
    auto a = calagopus_signed_in(t);
    auto b = pterodactyl_signed_in(t);
    auto current = calagopus_signed_in(t);
    const auto r = del(current, kPath);
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"deleted", 2}}));
    BOOST_TEST(current.get("/api/client/account").status == 200);
    BOOST_TEST(a.get("/api/client/account").status == 401);
    BOOST_TEST(b.get("/api/client/account").status == 401);
    const auto events = stored_activity(t.user.id);
    BOOST_TEST(events.back().first == "user:session.delete-all");
    BOOST_TEST(events.back().second["deleted"] == 2);
    BOOST_TEST(del(current, kPath).json() == nlohmann::json({{"deleted", 0}}));
}

BOOST_AUTO_TEST_CASE(sessions_need_credentials_and_same_site_writes) {
    check_error(calagopus().get(kPath), 401, "missing authorization");
    check_error(calagopus().request("DELETE", kPath, "", {}), 401, "missing authorization");
    auto client = calagopus_signed_in(create_user());
    BOOST_TEST(client.request("DELETE", kPath, "", {{"Origin", "https://evil.example"}}).status ==
               403);
}

BOOST_AUTO_TEST_CASE(the_session_cookie_is_sent_again_with_a_fresh_expires_never_past_the_end) {
    const auto t = create_user();
    auto client = calagopus();
    const auto login =
        client.post_json("/api/auth/login", {{"user", t.user.username}, {"password", t.password}});
    const auto issued = login.set_cookie("calagopus_session");
    BOOST_TEST(issued.find("Expires=") != std::string::npos, issued);
    BOOST_TEST(issued.find("Max-Age") == std::string::npos, issued);
    BOOST_TEST(issued.find("HttpOnly") != std::string::npos);
    BOOST_TEST(issued.find("SameSite=Lax") != std::string::npos);
    BOOST_TEST(issued.find("Path=/") != std::string::npos);
    const auto token = *client.cookie("calagopus_session");
    const auto r = client.get("/api/client/account");
    const auto renewed = r.set_cookie("calagopus_session");
    BOOST_TEST(renewed.starts_with("calagopus_session=" + token + ";"), renewed);
    BOOST_TEST(renewed.find("Expires=") != std::string::npos);
    BOOST_TEST(renewed.find("Max-Age") == std::string::npos);
    // A session near its absolute end: the cookie's Expires is that end, not later.
    const long long uid = static_cast<long long>(t.user.id);
    Stack::get().sql() << "UPDATE sessions SET expires_at = UTC_TIMESTAMP() + INTERVAL 90 SECOND "
                          "WHERE user_id = :id",
        soci::use(uid);
    const auto near_end = client.get("/api/client/account").set_cookie("calagopus_session");
    const std::time_t now = std::time(nullptr);
    // At most ~90 s ahead, where the idle timeout alone would give 30 minutes.
    const auto at = near_end.find("Expires=");
    BOOST_REQUIRE(at != std::string::npos);
    const auto date = near_end.substr(at + 8, 29);
    std::tm parsed{};
    BOOST_REQUIRE(::strptime(date.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &parsed) != nullptr);
    const auto expires = ::timegm(&parsed);
    BOOST_TEST(expires <= now + 91);
    BOOST_TEST(expires >= now + 80);
    // Sign-out expires it.
    const auto out =
        client.post_json("/api/client/account/logout", nlohmann::json::object(), writes(client));
    BOOST_TEST(out.headers_named("set-cookie").size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
