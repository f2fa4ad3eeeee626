#include <boost/test/unit_test.hpp>

#include "handlers/common/origin_check.hpp"

using namespace accountd::handlers;
using accountd::server::HttpRequest;

namespace {
HttpRequest with(std::map<std::string, std::string> headers, std::string scheme) {
    HttpRequest request;
    request.headers = std::move(headers);
    request.scheme = std::move(scheme);
    return request;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(origin_check)

BOOST_AUTO_TEST_CASE(origin_of_keeps_scheme_host_and_port) {
    BOOST_TEST(origin_of("https://panel.example.com:8443/login?x=1") ==
               "https://panel.example.com:8443");
    BOOST_TEST(origin_of("https://panel.example.com") == "https://panel.example.com");
    BOOST_TEST(origin_of("/relative") == "");
    BOOST_TEST(origin_of("https:///path") == "");
}

BOOST_AUTO_TEST_CASE(origin_of_normalises_case_and_default_ports) {
    BOOST_TEST(origin_of("HTTPS://Panel.Example.COM:443/x") == "https://panel.example.com");
    BOOST_TEST(origin_of("http://panel.example.com:80") == "http://panel.example.com");
    BOOST_TEST(origin_of("http://panel.example.com:443") == "http://panel.example.com:443");
    BOOST_TEST(origin_of("https://user@evil.example@panel.example.com") == "");
    BOOST_TEST(origin_of("null") == "");
}

BOOST_AUTO_TEST_CASE(the_own_origin_is_allowed_with_its_scheme_and_port) {
    BOOST_TEST(is_same_site_write(
        with({{"host", "panel.example.com"}, {"origin", "https://panel.example.com"}}, "https"),
        {}));
    BOOST_TEST(is_same_site_write(
        with({{"host", "127.0.0.1:8081"}, {"origin", "http://127.0.0.1:8081"}}, "http"), {}));
    BOOST_TEST(is_same_site_write(
        with({{"host", "[::1]:8081"}, {"origin", "http://[::1]:8081"}}, "http"), {}));
    BOOST_TEST(is_same_site_write(
        with({{"host", "panel.example.com:443"}, {"origin", "https://panel.example.com"}}, "https"),
        {}));
}

BOOST_AUTO_TEST_CASE(a_host_header_without_port_takes_nginxs_server_port) {
    auto request = with({{"host", "127.0.0.1"}, {"origin", "http://127.0.0.1:8081"}}, "http");
    request.server_port = "8081";
    BOOST_TEST(is_same_site_write(request, {}));
    request.server_port = "8082";
    BOOST_TEST(!is_same_site_write(request, {}));
    request =
        with({{"host", "panel.example.com"}, {"origin", "https://panel.example.com"}}, "https");
    request.server_port = "443";
    BOOST_TEST(own_origin(request) == "https://panel.example.com");
    request.headers["host"] = "[::1]";
    request.server_port = "8443";
    BOOST_TEST(own_origin(request) == "https://[::1]:8443");
}

BOOST_AUTO_TEST_CASE(the_same_host_with_another_scheme_or_port_is_another_site) {
    // Before: any scheme and port of the request's host passed.
    BOOST_TEST(!is_same_site_write(
        with({{"host", "panel.example.com"}, {"origin", "http://panel.example.com"}}, "https"),
        {}));
    BOOST_TEST(!is_same_site_write(
        with({{"host", "127.0.0.1"}, {"origin", "http://127.0.0.1:8081"}}, "http"), {}));
    BOOST_TEST(!is_same_site_write(
        with({{"host", "[::1]:8081"}, {"origin", "http://[::1]"}}, "http"), {}));
    BOOST_TEST(!is_same_site_write(
        with({{"host", "panel.example.com"}, {"origin", "https://panel.example.com:8443"}},
             "https"),
        {}));
}

BOOST_AUTO_TEST_CASE(the_referer_stands_in_for_a_missing_origin) {
    BOOST_TEST(is_same_site_write(
        with({{"host", "panel.example.com"}, {"referer", "https://panel.example.com/account"}},
             "https"),
        {}));
    BOOST_TEST(!is_same_site_write(with({{"host", "panel.example.com"},
                                         {"origin", "null"},
                                         {"referer", "https://evil.example/"}},
                                        "https"),
                                   {}));
}

BOOST_AUTO_TEST_CASE(another_site_or_no_origin_at_all_is_refused_unless_trusted) {
    BOOST_TEST(!is_same_site_write(with({{"host", "panel.example.com"}}, "https"), {}));
    BOOST_TEST(!is_same_site_write(
        with({{"host", "panel.example.com"}, {"origin", "https://evil.example"}}, "https"), {}));
    BOOST_TEST(!is_same_site_write(
        with({{"host", "panel.example.com"}, {"origin", "https://panel.example.com.evil.example"}},
             "https"),
        {}));
    BOOST_TEST(is_same_site_write(
        with({{"host", "api.example.com"}, {"origin", "https://panel.example.com"}}, "https"),
        {"https://panel.example.com"}));
    BOOST_TEST(is_same_site_write(
        with({{"host", "api.example.com"}, {"origin", "https://panel.example.com"}}, "https"),
        {"HTTPS://Panel.example.com:443"}));
    BOOST_TEST(!is_same_site_write(
        with({{"host", "api.example.com"}, {"origin", "http://panel.example.com"}}, "https"),
        {"https://panel.example.com"}));
}

BOOST_AUTO_TEST_SUITE_END()
