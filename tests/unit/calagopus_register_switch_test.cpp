// Calagopus registration is off unless configured (registration.enabled): the refusal comes
// after garde's checks and before any account is looked at, so no database is needed here.

#include <boost/test/unit_test.hpp>

#include "app/worker_app.hpp"
#include "test_support.hpp"

using namespace accountd;

namespace {

server::HttpResponse post_register(const config::Config& config, const nlohmann::json& body) {
    testing::ManualClock clock;
    testing::CountingRandom random;
    const app::WorkerApp app(config, clock, random);
    server::HttpRequest request;
    request.method = "POST";
    request.path = "/api/auth/register";
    request.dialect = "calagopus";
    request.remote_addr = "192.0.2.1";
    request.headers["content-type"] = "application/json";
    request.body = body.dump();
    request.content_length = request.body.size();
    return app.handle(request);
}

config::Config offline_config() {
    config::Config config;
    config.server_key = std::string(32, 'k');
    config.password_blocklist_files.clear();
    config.database_url = "db=unused host=127.0.0.1 port=1";
    return config;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_register_switch)

BOOST_AUTO_TEST_CASE(registration_and_first_user_admin_are_off_by_default) {
    const config::Config config;
    BOOST_TEST(!config.registration_enabled);
    BOOST_TEST(!config.registration_first_user_admin);
}

BOOST_AUTO_TEST_CASE(a_valid_sign_up_is_refused_while_registration_is_off) {
    const auto response = post_register(offline_config(), {{"username", "newbie"},
                                                           {"email", "newbie@example.com"},
                                                           {"name_first", "New"},
                                                           {"name_last", "Bie"},
                                                           {"password", "long enough 12345"}});
    BOOST_TEST(response.status == 400);
    BOOST_TEST(nlohmann::json::parse(response.body) ==
               nlohmann::json({{"errors", {"registration is disabled"}}}));
}

BOOST_AUTO_TEST_CASE(garde_checks_come_before_the_switch) {
    const auto response = post_register(offline_config(), {{"username", "n"},
                                                           {"email", "newbie@example.com"},
                                                           {"name_first", "New"},
                                                           {"name_last", "Bie"},
                                                           {"password", "long enough 12345"}});
    BOOST_TEST(response.status == 400);
    BOOST_TEST(nlohmann::json::parse(response.body) ==
               nlohmann::json({{"errors", {"username: length is lower than 3"}}}));
}

BOOST_AUTO_TEST_CASE(the_calagopus_limits_default_to_its_settings) {
    const config::Config config;
    BOOST_TEST(config.calagopus_client_limit.hits == 360u);
    BOOST_TEST(config.calagopus_client_limit.window_seconds == 30);
    BOOST_TEST(config.calagopus_login_limit.hits == 20u);
    BOOST_TEST(config.calagopus_login_limit.window_seconds == 300);
    BOOST_TEST(config.calagopus_checkpoint_limit.hits == 10u);
    BOOST_TEST(config.calagopus_checkpoint_limit.window_seconds == 300);
    BOOST_TEST(config.calagopus_register_limit.hits == 10u);
    BOOST_TEST(config.calagopus_register_limit.window_seconds == 3600);
    BOOST_CHECK_THROW(config::parse_config("[ratelimit]\ncalagopus_login = 20\n", "t"),
                      config::ConfigError);
    BOOST_TEST(config::parse_config("[ratelimit]\ncalagopus_login = 0/60\n", "t")
                   .calagopus_login_limit.hits == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
