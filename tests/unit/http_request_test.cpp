#include <boost/test/unit_test.hpp>

#include "server/http_request.hpp"

using namespace accountd::server;

BOOST_AUTO_TEST_SUITE(http_request)

BOOST_AUTO_TEST_CASE(fastcgi_params_become_a_request) {
    const auto request = request_from_params({
        {"REQUEST_METHOD", "POST"},
        {"DOCUMENT_URI", "/api/client/account/"},
        {"REQUEST_URI", "/api/client/account/?page=2"},
        {"QUERY_STRING", "page=2&filter%5Bevent%5D=auth%3Afail&q=a+b"},
        {"CONTENT_TYPE", "application/json; charset=utf-8"},
        {"CONTENT_LENGTH", "17"},
        {"REMOTE_ADDR", "203.0.113.9"},
        {"ACCOUNTD_DIALECT", "calagopus"},
        {"HTTP_X_XSRF_TOKEN", "tok"},
        {"HTTP_COOKIE", "a=1; calagopus_session=\"quoted\"; a=2"},
    });
    BOOST_TEST(request.method == "POST");
    BOOST_TEST(request.path == "/api/client/account");  // trailing slash ignored
    BOOST_TEST(request.content_length.value() == 17u);
    BOOST_TEST(request.remote_addr == "203.0.113.9");
    BOOST_TEST(request.dialect == "calagopus");
    BOOST_TEST(request.header("x-xsrf-token") == "tok");
    BOOST_TEST(request.media_type() == "application/json");
    BOOST_TEST(request.cookie("a").value() == "1");
    BOOST_TEST(request.cookie("calagopus_session").value() == "quoted");
    BOOST_TEST(!request.cookie("missing").has_value());
    BOOST_TEST(request.query_param("filter[event]").value() == "auth:fail");
    BOOST_TEST(request.query_param("q").value() == "a b");
}

BOOST_AUTO_TEST_CASE(without_document_uri_the_request_uri_is_decoded_and_stripped) {
    const auto request =
        request_from_params({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/api/users/%6De?x=1"}});
    BOOST_TEST(request.path == "/api/users/me");
}

BOOST_AUTO_TEST_CASE(a_non_numeric_content_length_is_flagged) {
    const auto request = request_from_params({{"CONTENT_LENGTH", "12x"}});
    BOOST_TEST(request.content_length_invalid);
    BOOST_TEST(!request.content_length.has_value());
}

BOOST_AUTO_TEST_CASE(cookie_header_oddities_do_not_break_parsing) {
    const auto cookies = parse_cookie_header(";;=x; novalue; k = v ;");
    BOOST_TEST(cookies.size() == 1u);
    BOOST_TEST(cookies.at("k") == "v");
}

BOOST_AUTO_TEST_SUITE_END()
