#include <boost/test/unit_test.hpp>

#include "server/http_response.hpp"

using namespace accountd::server;

BOOST_AUTO_TEST_SUITE(http_response)

BOOST_AUTO_TEST_CASE(json_responses_carry_status_charset_and_security_headers) {
    const auto text = HttpResponse::json(404, {{"error", "Route not found"}}).serialize();
    BOOST_TEST(text.starts_with("Status: 404 Not Found\r\n"));
    BOOST_TEST(text.find("Content-Type: application/json; charset=utf-8\r\n") != std::string::npos);
    BOOST_TEST(text.find("X-Content-Type-Options: nosniff\r\n") != std::string::npos);
    BOOST_TEST(text.find("Referrer-Policy: no-referrer\r\n") != std::string::npos);
    BOOST_TEST(text.find("Cache-Control: no-store\r\n") != std::string::npos);
    BOOST_TEST(text.ends_with("\r\n\r\n{\"error\":\"Route not found\"}"));
}

BOOST_AUTO_TEST_CASE(no_content_has_an_empty_body) {
    auto response = HttpResponse::no_content();
    response.body = "ignored";
    BOOST_TEST(response.serialize().ends_with("\r\n\r\n"));
}

BOOST_AUTO_TEST_CASE(cookies_carry_their_attributes) {
    HttpResponse response;
    response.set_cookie({"token", "abc", 3600, true, true, "Lax", "/"});
    response.set_cookie({"XSRF-TOKEN", "", 0, false, false, "Lax", "/"});
    const auto text = response.serialize();
    BOOST_TEST(
        text.find(
            "Set-Cookie: token=abc; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax\r\n") !=
        std::string::npos);
    BOOST_TEST(
        text.find("Set-Cookie: XSRF-TOKEN=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
                  "Path=/; SameSite=Lax\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_json_value_does_not_throw) {
    BOOST_CHECK_NO_THROW(HttpResponse::json(400, {{"error", std::string("bad \xff byte")}}));
}

BOOST_AUTO_TEST_SUITE_END()
