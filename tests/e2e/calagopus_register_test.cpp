// Calagopus registration (§11.3) through nginx: garde's checks, accountd's password policy, one
// account per username or e-mail, and a signed-in session. The stack turns registration on
// (scripts/test.sh); its default, off, is checked in the config tests.

#include "calagopus_e2e_support.hpp"

using namespace accountd;
using namespace accountd::testing;
using namespace accountd::testing::calagopus_support;

namespace {

nlohmann::json sign_up(const std::string& name) {
    return {{"username", name},
            {"email", name + "@example.com"},
            {"name_first", "Reg"},
            {"name_last", "Istered"},
            {"password", "a long and unusual passphrase 42"},
            {"captcha", nullptr}};
}

std::string short_name() {
    // 3-15 characters of [A-Za-z0-9_]
    auto name = unique_name("r");
    if (name.size() > 15) name = name.substr(name.size() - 15);
    if (name.front() < 'a' || name.front() > 'z') name.front() = 'r';
    return name;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_register)

BOOST_AUTO_TEST_CASE(registering_answers_the_full_user_and_signs_in) {
    auto client = calagopus();
    const auto name = short_name();
    const auto r = client.post_json("/api/auth/register", sign_up(name));
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json()["user"]["username"] == name);
    BOOST_TEST(r.json()["user"]["email"] == name + "@example.com");
    // Never an admin by default.
    BOOST_TEST(r.json()["user"]["admin"] == false);
    BOOST_TEST(client.cookie("calagopus_session").value_or("").size() == 81u);
    const auto me = client.get("/api/client/account");
    BOOST_TEST(me.status == 200);
    BOOST_TEST(me.json()["user"]["name_first"] == "Reg");
    // The account signs in with its password, in any dialect.
    BOOST_TEST(pterodactyl()
                   .post_json("/auth/login",
                              {{"user", name}, {"password", "a long and unusual passphrase 42"}})
                   .status == 200);
}

BOOST_AUTO_TEST_CASE(a_taken_username_or_email_is_refused_whatever_its_case) {
    const auto name = short_name();
    BOOST_REQUIRE_EQUAL(calagopus().post_json("/api/auth/register", sign_up(name)).status, 200);
    auto same_name = sign_up(name);
    same_name["username"] = name;
    same_name["email"] = short_name() + "@example.com";
    check_error(calagopus().post_json("/api/auth/register", same_name), 400,
                "user with username or email already exists");
    auto same_email = sign_up(short_name());
    same_email["email"] = name + "@EXAMPLE.com";
    check_error(calagopus().post_json("/api/auth/register", same_email), 400,
                "user with username or email already exists");
}

BOOST_AUTO_TEST_CASE(garde_checks_every_field_and_then_the_password_policy) {
    auto body = sign_up("ab");
    body["email"] = "not-an-email";
    body["name_first"] = "";
    body["password"] = "short";
    const auto r = calagopus().post_json("/api/auth/register", body);
    BOOST_TEST(r.status == 400);
    BOOST_TEST(
        r.json() ==
            nlohmann::json(
                {{"errors",
                  {"username: length is lower than 3", "email: not a valid email: invalid format",
                   "name_first: length is lower than 1", "password: length is lower than 8"}}}),
        r.body);
    check_error(calagopus().post_json("/api/auth/register", sign_up("bad-name")), 400,
                "username: does not match pattern /^[a-zA-Z0-9_]+$/");
    check_error(calagopus().post_json("/api/auth/register", {{"username", "abc"}}), 400,
                "invalid payload: missing field `email`");
    // Long enough for garde, too common for accountd's policy.
    auto weak = sign_up(short_name());
    weak["password"] = "password";
    const auto refused = calagopus().post_json("/api/auth/register", weak);
    BOOST_TEST(refused.status == 400, refused.body);
    BOOST_TEST(refused.json()["errors"][0].get<std::string>().starts_with("password"));
}

BOOST_AUTO_TEST_SUITE_END()
