#include <boost/test/unit_test.hpp>

#include "handlers/common/origin_check.hpp"

using namespace accountd::handlers;
using accountd::server::HttpRequest;

namespace {
HttpRequest with(std::map<std::string, std::string> headers) {
    HttpRequest request;
    request.headers = std::move(headers);
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

BOOST_AUTO_TEST_CASE(a_same_host_origin_is_allowed_whatever_the_port) {
    BOOST_TEST(is_same_site_write(
        with({{"host", "panel.example.com"}, {"origin", "https://panel.example.com"}}), {}));
    BOOST_TEST(
        is_same_site_write(with({{"host", "127.0.0.1"}, {"origin", "http://127.0.0.1:8081"}}), {}));
    BOOST_TEST(is_same_site_write(with({{"host", "[::1]:8081"}, {"origin", "http://[::1]"}}), {}));
}

BOOST_AUTO_TEST_CASE(the_referer_stands_in_for_a_missing_origin) {
    BOOST_TEST(is_same_site_write(
        with({{"host", "panel.example.com"}, {"referer", "https://panel.example.com/account"}}),
        {}));
    BOOST_TEST(!is_same_site_write(with({{"host", "panel.example.com"},
                                         {"origin", "null"},
                                         {"referer", "https://evil.example/"}}),
                                   {}));
}

BOOST_AUTO_TEST_CASE(another_site_or_no_origin_at_all_is_refused_unless_trusted) {
    BOOST_TEST(!is_same_site_write(with({{"host", "panel.example.com"}}), {}));
    BOOST_TEST(!is_same_site_write(
        with({{"host", "panel.example.com"}, {"origin", "https://evil.example"}}), {}));
    BOOST_TEST(!is_same_site_write(
        with({{"host", "panel.example.com"}, {"origin", "https://panel.example.com.evil.example"}}),
        {}));
    BOOST_TEST(is_same_site_write(
        with({{"host", "api.example.com"}, {"origin", "https://panel.example.com"}}),
        {"https://panel.example.com"}));
}

BOOST_AUTO_TEST_SUITE_END()
