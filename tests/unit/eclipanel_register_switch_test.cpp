// EcliPanel registration follows the dialect-neutral registration.enabled switch: off (the
// default), the route answers 503 registration_disabled before it reads the body or counts the
// request, and the public settings say so. No database is needed for either.

#include <boost/test/unit_test.hpp>

#include "app/worker_app.hpp"
#include "test_support.hpp"

using namespace accountd;

namespace {

server::HttpResponse call(const config::Config& config, const std::string& method,
                          const std::string& path, const std::string& body) {
    testing::ManualClock clock;
    testing::CountingRandom random;
    const app::WorkerApp app(config, clock, random);
    server::HttpRequest request;
    request.method = method;
    request.path = path;
    request.dialect = "eclipanel";
    request.remote_addr = "192.0.2.1";
    if (!body.empty()) request.headers["content-type"] = "application/json";
    request.body = body;
    request.content_length = request.body.size();
    return app.handle(request);
}

config::Config offline_config(bool registration) {
    config::Config config;
    config.server_key = std::string(32, 'k');
    config.password_blocklist_files.clear();
    config.database_url = "db=unused host=127.0.0.1 port=1";
    config.registration_enabled = registration;
    return config;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(eclipanel_register_switch)

BOOST_AUTO_TEST_CASE(registration_off_is_503_before_the_body_is_read) {
    for (const std::string& body :
         {std::string(R"({"email":"a@b.co"})"), std::string("{"), std::string()}) {
        const auto response = call(offline_config(false), "POST", "/api/users/register", body);
        BOOST_TEST(response.status == 503);
        BOOST_TEST(nlohmann::json::parse(response.body) ==
                   nlohmann::json({{"error", "registration_disabled"},
                                   {"message", "Registration is currently disabled."}}));
    }
}

BOOST_AUTO_TEST_CASE(the_public_settings_follow_the_switch) {
    for (const bool on : {false, true}) {
        const auto response = call(offline_config(on), "GET", "/api/panel/settings", "");
        BOOST_TEST(response.status == 200);
        const auto settings = nlohmann::json::parse(response.body);
        BOOST_TEST(settings["registrationEnabled"] == on);
        BOOST_TEST(settings["featureToggles"]["registration"] == on);
        BOOST_TEST(settings["webauthn"]["enabled"] == false);
    }
}

BOOST_AUTO_TEST_CASE(registration_on_checks_the_schema_first) {
    const auto response =
        call(offline_config(true), "POST", "/api/users/register", R"({"email":5})");
    BOOST_TEST(response.status == 422);
    BOOST_TEST(nlohmann::json::parse(response.body) ==
               nlohmann::json({{"error", "Request error"}}));
}

BOOST_AUTO_TEST_SUITE_END()
