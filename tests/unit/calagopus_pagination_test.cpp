#include <boost/test/unit_test.hpp>

#include "handlers/calagopus/pagination.hpp"
#include "server/api_error.hpp"
#include "services/service_error.hpp"

using namespace accountd;
using handlers::calagopus::page_json;
using handlers::calagopus::PageRequest;
using handlers::calagopus::read_page_request;

namespace {

server::HttpRequest with_query(const std::string& query) {
    return server::request_from_params(
        {{"REQUEST_METHOD", "GET"}, {"DOCUMENT_URI", "/api/x"}, {"QUERY_STRING", query}});
}

std::vector<std::string> violated_fields(const std::string& query) {
    try {
        read_page_request(with_query(query));
    } catch (const services::ServiceError& e) {
        std::vector<std::string> fields;
        for (const auto& v : e.violations())
            fields.push_back(v.field + ":" + v.argument);
        return fields;
    }
    return {};
}

std::string query_rejection(const std::string& query) {
    try {
        read_page_request(with_query(query));
    } catch (const server::ApiError& e) {
        return e.subject.empty() ? std::string(e.what()) : e.subject;
    }
    return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_pagination)

BOOST_AUTO_TEST_CASE(defaults_are_page_one_of_twenty_five_without_search) {
    const auto page = read_page_request(with_query(""));
    BOOST_TEST(page.page == 1);
    BOOST_TEST(page.per_page == 25);
    BOOST_TEST(!page.search.has_value());
    BOOST_TEST(page.offset() == 0u);
}

BOOST_AUTO_TEST_CASE(values_are_read_and_an_empty_search_is_absent) {
    auto page = read_page_request(with_query("page=3&per_page=10&search=fire%20fox"));
    BOOST_TEST(page.offset() == 20u);
    BOOST_TEST(page.limit() == 10u);
    BOOST_TEST(page.search.value() == "fire fox");
    BOOST_TEST(!read_page_request(with_query("search=")).search.has_value());
    BOOST_TEST(!read_page_request(with_query("search=x"), false).search.has_value());
}

BOOST_AUTO_TEST_CASE(out_of_range_values_are_reported_per_field) {
    BOOST_TEST(violated_fields("page=0") == std::vector<std::string>{"page:1"});
    BOOST_TEST(violated_fields("per_page=101") == std::vector<std::string>{"per_page:100"});
    BOOST_TEST(
        violated_fields("page=-1&per_page=0") == (std::vector<std::string>{"page:1", "per_page:1"}),
        boost::test_tools::per_element());
    BOOST_TEST(violated_fields("search=" + std::string(129, 'a')) ==
               std::vector<std::string>{"search:128"});
    BOOST_TEST(violated_fields("search=" + std::string(128, 'a')).empty());
}

BOOST_AUTO_TEST_CASE(values_that_are_no_number_are_query_rejections) {
    BOOST_TEST(query_rejection("page=abc") == "invalid digit found in string");
    BOOST_TEST(query_rejection("page=") == "cannot parse integer from empty string");
    BOOST_TEST(query_rejection("per_page=1.5") == "invalid digit found in string");
    BOOST_TEST(query_rejection("page=99999999999999999999") ==
               "number too large to fit in target type");
}

BOOST_AUTO_TEST_CASE(far_pages_keep_their_offset_in_range_and_echo_the_request) {
    const auto page = read_page_request(with_query("page=9223372036854775807&per_page=100"));
    BOOST_TEST(page.offset() > 0u);
    const auto json = page_json(7, page, nlohmann::ordered_json::array());
    BOOST_TEST(json.dump() == R"({"total":7,"per_page":100,"page":9223372036854775807,"data":[]})");
}

BOOST_AUTO_TEST_SUITE_END()
