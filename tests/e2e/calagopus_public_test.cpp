// What Calagopus' frontend reads before anyone signs in, through nginx and without credentials:
// /api/settings, /api/languages, /api/announcements and /api/auth/oauth (reference §14).

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

BOOST_AUTO_TEST_SUITE(calagopus_public)

BOOST_AUTO_TEST_CASE(settings_come_from_the_configuration_with_what_accountd_cannot_do_off) {
    const auto r = calagopus().get("/api/settings");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    const auto s = r.json();
    const auto& config = Stack::get().root().config();
    BOOST_TEST(s["app"]["name"] == config.app_name);
    BOOST_TEST(s["app"]["url"] == config.public_url);
    BOOST_TEST(s["app"]["language"] == "en");
    BOOST_TEST(s["app"]["registration_enabled"].is_boolean());
    BOOST_TEST(s["webauthn"] ==
               nlohmann::json({{"enabled", false}, {"allow_discoverable", false}}));
    BOOST_TEST(s["captcha_provider"] == nlohmann::json({{"type", "none"}}));
    BOOST_TEST(s["user"]["max_api_key_count"] == 50);
    BOOST_TEST(s["user"]["max_security_key_count"] == 50);
    BOOST_TEST(s["user"]["max_ssh_key_count"] == 50);
    BOOST_TEST(s["user"]["allow_changing_language"] == true);
    BOOST_TEST(s["user"]["route_order"].is_null());
    // The frontend's schema (zod) refuses the settings without these.
    BOOST_TEST(s["app"]["icon"].is_string());
    BOOST_TEST(s["server"]["container_prelude"].is_string());
    BOOST_TEST(s["server"]["max_schedule_step_count"].is_number());
    BOOST_TEST(s["user"]["max_command_snippet_count"].is_number());
    BOOST_TEST(s["server"].is_object());
    BOOST_TEST(s["time"].get<std::string>().ends_with("Z"));
    BOOST_TEST(s["oobe_step"].is_null());
    BOOST_TEST(s["disabled_extensions"] == nlohmann::json::array());
}

BOOST_AUTO_TEST_CASE(languages_are_the_list_a_profile_may_choose_from) {
    const auto r = calagopus().get("/api/languages");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(r.json() == nlohmann::json::parse(
                               R"({"languages":["ar","de","el","en","es","fr","it","nl","no","pl",
                                   "pt","ro","ru","sk","sv","tr","vi","zh"]})"));
}

BOOST_AUTO_TEST_CASE(there_are_no_announcements_and_no_oauth_providers) {
    const auto announcements = calagopus().get("/api/announcements");
    BOOST_TEST(announcements.status == 200);
    BOOST_TEST(announcements.json() ==
               nlohmann::json({{"announcements", nlohmann::json::array()}}));
    const auto oauth = calagopus().get("/api/auth/oauth");
    BOOST_TEST(oauth.status == 200);
    BOOST_TEST(oauth.json() == nlohmann::json({{"oauth_providers", nlohmann::json::array()}}));
}

BOOST_AUTO_TEST_CASE(a_signed_in_caller_reads_them_too_and_writes_are_405) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    BOOST_TEST(client.get("/api/settings").status == 200);
    BOOST_TEST(calagopus().post_json("/api/settings", nlohmann::json::object()).status == 405);
}

BOOST_AUTO_TEST_SUITE_END()
