// Pterodactyl's SPA pages through nginx (reference 7.7 and 7.8): accountd renders the operator's
// index template with the session's bootstrap data, so the stock SPA starts signed in; and
// /locales/locale.json serves the panel's language files. The test stack names a stand-in
// template and language directory (tests/data/pterodactyl).

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

// The JSON a page assigns to `window.<name>`, or null when it assigns none.
nlohmann::json bootstrap_value(const std::string& page, const std::string& name) {
    const std::string start = "window." + name + " = ";
    const auto at = page.find(start);
    if (at == std::string::npos) return nullptr;
    const auto end = page.find(";</script>", at);
    return nlohmann::json::parse(page.substr(at + start.size(), end - at - start.size()));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pterodactyl_spa_shell)

BOOST_AUTO_TEST_CASE(a_signed_in_page_carries_the_user_the_spa_reads) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    for (const char* path : {"/", "/account", "/account/api", "/account/activity"}) {
        const auto r = client.get(path);
        BOOST_TEST(r.status == 200, path);
        BOOST_TEST(r.header("content-type") == "text/html; charset=utf-8", path);
        BOOST_TEST(r.header("cache-control") == "no-store", path);
        BOOST_TEST(r.header("x-content-type-options") == "nosniff", path);
        const auto user = bootstrap_value(r.body, "PterodactylUser");
        BOOST_REQUIRE(user.is_object());
        BOOST_TEST(user["uuid"] == t.user.uuid);
        BOOST_TEST(user["username"] == t.user.username);
        BOOST_TEST(user["email"] == t.user.email);
        for (const char* field : {"language", "root_admin", "use_totp", "created_at", "updated_at"})
            BOOST_TEST(user.contains(field), field);
        const auto site = bootstrap_value(r.body, "SiteConfiguration");
        BOOST_TEST(site["name"] == "Pterodactyl");
        BOOST_TEST(site["locale"] == "en");
        BOOST_TEST(site["recaptcha"]["enabled"] == false);
        // The page's meta token is the session's XSRF token, which the cookie carries too.
        BOOST_TEST(r.body.find("<meta name=\"csrf-token\" content=\"" +
                               client.cookie("XSRF-TOKEN").value_or("?") + "\">") !=
                   std::string::npos);
        // The operator's template is kept around the bootstrap.
        BOOST_TEST(r.body.find("<script src=\"/assets/main.js\" defer></script>") !=
                   std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_visitor_gets_the_sign_in_pages_without_a_user) {
    auto client = pterodactyl();
    for (const char* path : {"/auth/login", "/auth/password", "/auth/password/reset/abc123",
                             "/auth/login/checkpoint"}) {
        const auto r = client.get(path);
        BOOST_TEST(r.status == 200, path);
        BOOST_TEST(bootstrap_value(r.body, "PterodactylUser").is_null(), path);
        BOOST_TEST(bootstrap_value(r.body, "SiteConfiguration").is_object(), path);
    }
    // The visitor got a guest session and XSRF cookie, as Laravel's web pages give one.
    BOOST_TEST(client.cookie("XSRF-TOKEN").has_value());
    // The panel's pages send a visitor to sign in.
    for (const char* path : {"/", "/account", "/account/ssh"}) {
        const auto r = client.get(path);
        BOOST_TEST(r.status == 302, path);
        BOOST_TEST(r.header("location") == "/auth/login", path);
    }
}

BOOST_AUTO_TEST_CASE(a_signed_in_visit_to_a_sign_in_page_goes_to_the_panel) {
    const auto t = create_user();
    auto client = pterodactyl_signed_in(t);
    const auto r = client.get("/auth/login");
    BOOST_TEST(r.status == 302);
    BOOST_TEST(r.header("location") == "/");
    // A session that ended is a visitor again.
    expire_sessions(t.user.id);
    BOOST_TEST(client.get("/auth/login").status == 200);
    BOOST_TEST(client.get("/").status == 302);
}

BOOST_AUTO_TEST_CASE(the_sign_in_page_answers_other_methods_with_a_405) {
    const auto r =
        pterodactyl().request("PUT", "/auth/login", "{}", {{"Content-Type", "application/json"}});
    BOOST_TEST(r.status == 405);
    BOOST_TEST(r.json()["errors"][0]["code"] == "MethodNotAllowedHttpException");
    BOOST_TEST(r.header("allow") == "GET, HEAD, POST");
}

BOOST_AUTO_TEST_CASE(the_activity_texts_come_from_the_panels_language_files) {
    auto r = pterodactyl().get("/locales/locale.json?locale=en&namespace=activity");
    BOOST_TEST(r.status == 200);
    const auto texts = r.json()["en"]["activity"];
    BOOST_TEST(texts["auth"]["success"] == "Signed in");
    BOOST_TEST(texts["auth"]["ip-blocked"] ==
               "Request from an address not listed for {{identifier}}");
    BOOST_TEST(texts["user"]["account"]["email-changed"] ==
               "Changed the e-mail address from {{old}} to {{new}}");
    BOOST_TEST(texts["user"]["api-key"]["create"] == "Created API key {{identifier}}");
    // Several at once; a locale without the file falls back to English's; an unknown namespace
    // is empty.
    r = pterodactyl().get("/locales/locale.json?locale=de+fr&namespace=activity+nothing");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.json()["de"]["activity"]["auth"]["success"] == "Angemeldet");
    BOOST_TEST(r.json()["fr"]["activity"]["auth"]["success"] == "Signed in");
    BOOST_TEST(r.json()["de"]["nothing"] == nlohmann::json::object());
    // Names are file names: nothing that could leave the directory.
    for (const char* query : {"locale=../../etc&namespace=activity", "locale=en&namespace=..%2Fx",
                              "locale=en", "namespace=activity"}) {
        r = pterodactyl().get(std::string("/locales/locale.json?") + query);
        BOOST_TEST(r.status == 422, query);
        BOOST_TEST(r.json()["errors"][0]["code"] == "ValidationException", query);
    }
}

BOOST_AUTO_TEST_SUITE_END()
