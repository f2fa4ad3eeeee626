#include <boost/test/unit_test.hpp>

#include "handlers/pterodactyl/spa_shell.hpp"

using namespace accountd::handlers::pterodactyl;

namespace {

SpaShell::Bootstrap sample(std::optional<nlohmann::ordered_json> user) {
    SpaShell::Bootstrap b;
    b.user = std::move(user);
    b.site = {{"name", "Panel"}, {"locale", "en"}};
    b.csrf_token = "abc-DEF_123";
    return b;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spa_shell)

BOOST_AUTO_TEST_CASE(the_bootstrap_replaces_the_marker) {
    const SpaShell shell("<html><head><!-- accountd:bootstrap --></head><body></body></html>");
    const auto page = shell.render(sample(nlohmann::ordered_json{{"username", "alice"}}));
    BOOST_TEST(page.find("<!-- accountd:bootstrap -->") == std::string::npos);
    BOOST_TEST(page.find(R"(window.PterodactylUser = {"username":"alice"};)") != std::string::npos);
    BOOST_TEST(page.find(R"(window.SiteConfiguration = {"name":"Panel","locale":"en"};)") !=
               std::string::npos);
    BOOST_TEST(page.find(R"(<meta name="csrf-token" content="abc-DEF_123">)") != std::string::npos);
    BOOST_TEST(page.ends_with("</head><body></body></html>"));
}

BOOST_AUTO_TEST_CASE(
    without_a_marker_it_goes_before_the_head_end_and_without_a_user_there_is_none) {
    const SpaShell shell("<HTML><HEAD><title>x</title></HEAD></HTML>");
    const auto page = shell.render(sample(std::nullopt));
    BOOST_TEST(page.find("PterodactylUser") == std::string::npos);
    BOOST_TEST(page.find("window.SiteConfiguration") < page.find("</HEAD>"));
    BOOST_CHECK_THROW(SpaShell("<p>no head</p>"), SpaShellError);
    BOOST_CHECK_THROW(SpaShell::from_file("/nonexistent/index.html"), SpaShellError);
}

BOOST_AUTO_TEST_CASE(no_value_can_close_the_script_element) {
    const SpaShell shell("<head></head>");
    auto b = sample(nlohmann::ordered_json{{"username", "</script><script>alert(1)</script>"},
                                           {"email", "a&b<!--@x\u2028"}});
    b.csrf_token = "\"><script>";
    const auto page = shell.render(b);
    BOOST_TEST(page.find("</script><script>alert") == std::string::npos);
    BOOST_TEST(page.find("<!--@") == std::string::npos);
    BOOST_TEST(page.find("\\u003c/script\\u003e") != std::string::npos);
    BOOST_TEST(page.find("\\u2028") != std::string::npos);
    BOOST_TEST(page.find(R"(content="script")") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
