// Calagopus' profile through nginx: GET /api/client/account as the whole FullUser, PATCH with
// its validation and check order (reference §4, §5).

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

void check_errors(const HttpResult& r, int status, const std::vector<std::string>& messages) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.header("content-type").starts_with("application/json"));
    BOOST_TEST(r.json() == nlohmann::json({{"errors", messages}}), r.body);
}

HttpResult patch(Client& client, const nlohmann::json& body) {
    auto headers = same_origin(client);
    headers.emplace_back("Content-Type", "application/json");
    return client.request("PATCH", "/api/client/account", body.dump(), headers);
}

nlohmann::json me(Client& client) {
    const auto r = client.get("/api/client/account");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return r.json()["user"];
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_account)

BOOST_AUTO_TEST_CASE(the_account_is_every_field_of_a_full_user) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto r = client.get("/api/client/account");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    const auto body = nlohmann::ordered_json::parse(r.body);
    const auto& user = body["user"];
    std::vector<std::string> keys;
    for (const auto& [k, v] : user.items())
        keys.push_back(k);
    BOOST_TEST((keys == std::vector<std::string>{
                            "uuid", "username", "role", "avatar", "email", "name_first",
                            "name_last", "admin", "frozen", "suspended", "totp_enabled",
                            "totp_last_used", "require_two_factor", "language", "toast_position",
                            "start_on_grouped_servers", "has_password", "created"}));
    BOOST_TEST(user["role"].is_null());
    BOOST_TEST(user["avatar"].is_null());
    BOOST_TEST(user["frozen"] == false);
    BOOST_TEST(user["totp_last_used"].is_null());
    BOOST_TEST(user["require_two_factor"] == false);
    BOOST_TEST(user["toast_position"] == "bottom_right");
    BOOST_TEST(user["start_on_grouped_servers"] == false);
    BOOST_TEST(user["has_password"] == true);
    BOOST_TEST(user["language"] == "en");
}

BOOST_AUTO_TEST_CASE(totp_last_used_is_when_the_last_accepted_step_began) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    auto& sql = Stack::get().sql();
    const long long step = 59'000'000;  // x 30 s = 2026-02-02T02:40:00Z
    const long long id = static_cast<long long>(t.user.id);
    sql << "UPDATE users SET totp_last_step = :s WHERE id = :id", soci::use(step), soci::use(id);
    // Without two-factor there is no last code to show.
    BOOST_TEST(me(client)["totp_last_used"].is_null());
    sql << "UPDATE users SET totp_enabled = 1 WHERE id = :id", soci::use(id);
    BOOST_TEST(me(client)["totp_last_used"] == "2026-02-02T02:40:00Z");
}

BOOST_AUTO_TEST_CASE(a_patch_changes_the_given_fields_and_is_recorded) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto name = "N_" + unique_name("p").substr(0, 12);
    const auto r = patch(client, {{"username", name},
                                  {"name_first", "Ada"},
                                  {"language", "de"},
                                  {"toast_position", "top_left"},
                                  {"start_on_grouped_servers", true}});
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json() == nlohmann::json::object());
    const auto user = me(client);
    BOOST_TEST(user["username"] == name);
    BOOST_TEST(user["name_first"] == "Ada");
    BOOST_TEST(user["name_last"] == t.user.name_last);
    BOOST_TEST(user["language"] == "de");
    BOOST_TEST(user["toast_position"] == "top_left");
    BOOST_TEST(user["start_on_grouped_servers"] == true);
    // Unchanged fields stay; an empty body changes nothing.
    BOOST_TEST(patch(client, nlohmann::json::object()).status == 200);
    BOOST_TEST(me(client)["username"] == name);
    const auto log = client.get("/api/client/account/activity");
    BOOST_REQUIRE_EQUAL(log.status, 200);
    const auto listed = log.json();
    const auto& entry = listed["activities"]["data"][0];
    BOOST_TEST(entry["event"] == "account:update");
    BOOST_TEST(entry["data"]["username"] == name);
    BOOST_TEST(entry["data"]["language"] == "de");
    BOOST_TEST(entry["data"]["start_on_grouped_servers"] == true);
}

BOOST_AUTO_TEST_CASE(each_field_is_validated_with_gardes_messages_all_at_once) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    check_errors(patch(client, {{"username", "ab"}}), 400, {"username: length is lower than 3"});
    check_errors(patch(client, {{"username", "abcdefghijklmnop"}}), 400,
                 {"username: length is greater than 15"});
    check_errors(patch(client, {{"username", "bad name!"}}), 400,
                 {"username: does not match pattern /^[a-zA-Z0-9_]+$/"});
    check_errors(patch(client, {{"name_first", ""}, {"name_last", std::string(256, 'x')}}), 400,
                 {"name_first: length is lower than 1", "name_last: length is greater than 255"});
    check_errors(patch(client, {{"language", "x"}}), 400, {"language: length is lower than 2"});
    check_errors(patch(client, {{"language", "xx"}}), 400, {"language: invalid language: xx"});
    check_errors(patch(client, {{"username", "ab"}, {"language", "klingon"}}), 400,
                 {"username: length is lower than 3", "language: invalid language: klingon"});
    check_errors(patch(client, {{"toast_position", "middle"}}), 400,
                 {"invalid payload: unknown variant `middle`, expected one of `top_left`, "
                  "`top_center`, `top_right`, `bottom_left`, `bottom_center`, `bottom_right`"});
    check_errors(patch(client, {{"start_on_grouped_servers", "yes"}}), 400,
                 {"invalid payload: invalid type: a string for `start_on_grouped_servers`, "
                  "expected a boolean"});
    check_errors(patch(client, {{"username", 5}}), 400,
                 {"invalid payload: invalid type: an integer for `username`, expected a string"});
    auto headers = same_origin(client);
    headers.emplace_back("Content-Type", "application/json");
    check_errors(client.request("PATCH", "/api/client/account", "{nope", headers), 400,
                 {"invalid payload: malformed JSON object"});
    BOOST_TEST(me(client)["username"] == t.user.username);  // nothing was changed
}

BOOST_AUTO_TEST_CASE(a_username_taken_in_another_case_is_409) {
    const auto other = create_user();
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    std::string shouting = other.user.username;
    for (auto& c : shouting)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    BOOST_REQUIRE(shouting.size() <= 15u);
    check_errors(patch(client, {{"username", shouting}}), 409,
                 {"user with username already exists"});
    // The account's own name in another case is no conflict.
    std::string own = t.user.username;
    for (auto& c : own)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    BOOST_TEST(patch(client, {{"username", own}}).status == 200);
}

BOOST_AUTO_TEST_CASE(a_suspended_account_reads_its_profile_and_its_patch_is_409_after_validation) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    suspend(t.user.id);
    const auto user = me(client);
    BOOST_TEST(user["suspended"] == true);
    // validation first, then the suspension
    check_errors(patch(client, {{"username", "ab"}}), 400, {"username: length is lower than 3"});
    check_errors(patch(client, {{"name_first", "Ok"}}), 409, {"account is suspended"});
}

BOOST_AUTO_TEST_CASE(no_credentials_is_401) {
    check_errors(calagopus().get("/api/client/account"), 401, {"missing authorization"});
    auto client = calagopus();
    check_errors(patch(client, {{"name_first", "x"}}), 401, {"missing authorization"});
}

BOOST_AUTO_TEST_SUITE_END()
