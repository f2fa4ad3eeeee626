// GET /api/client/permissions (ClientControllerTest, reference 14.5): the whole catalogue,
// key order included, for a browser session and for a Bearer key.

#include <fstream>
#include <sstream>

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

nlohmann::ordered_json expected_catalogue() {
    const std::string path = require_env("ACCOUNTD_TEST_DATA") + "/pterodactyl_permissions.json";
    std::ifstream in(path);
    BOOST_REQUIRE_MESSAGE(in, "cannot read " + path);
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::ordered_json::parse(text.str());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pterodactyl_permissions)

BOOST_AUTO_TEST_CASE(the_whole_catalogue_is_returned_in_order) {
    auto s = pterodactyl_session(create_user());
    const auto r = s.client.get("/api/client/permissions");
    BOOST_TEST(r.status == 200, r.body);
    // Parsed keeping key order, so a reordered group or key fails the comparison.
    const auto body = nlohmann::ordered_json::parse(r.body);
    BOOST_TEST(body == expected_catalogue());
    std::vector<std::string> groups;
    for (const auto& [name, group] : body["attributes"]["permissions"].items())
        groups.push_back(name);
    BOOST_TEST((groups == std::vector<std::string>{"websocket", "control", "user", "file", "backup",
                                                   "allocation", "startup", "database", "schedule",
                                                   "settings", "activity"}));
}

BOOST_AUTO_TEST_CASE(a_bearer_key_reads_it_and_a_stranger_cannot) {
    auto s = pterodactyl_session(create_user());
    const auto created = s.client.post_json("/api/client/account/api-keys",
                                            {{"description", "permissions"}}, s.write);
    BOOST_REQUIRE_EQUAL(created.status, 200);
    const std::string key = created.json()["attributes"]["identifier"].get<std::string>() +
                            created.json()["meta"]["secret_token"].get<std::string>();
    auto anonymous = pterodactyl();
    const auto with_key =
        anonymous.get("/api/client/permissions", {{"Authorization", "Bearer " + key}});
    BOOST_TEST(with_key.status == 200, with_key.body);
    BOOST_TEST(nlohmann::ordered_json::parse(with_key.body) == expected_catalogue());

    const auto without = anonymous.get("/api/client/permissions");
    BOOST_TEST(without.status == 401);
    BOOST_TEST(without.json()["errors"][0]["code"] == "AuthenticationException");
    const auto posted =
        s.client.post_json("/api/client/permissions", nlohmann::json::object(), s.write);
    BOOST_TEST(posted.status == 405);
}

BOOST_AUTO_TEST_SUITE_END()
