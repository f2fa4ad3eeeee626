#include <boost/test/unit_test.hpp>

#include "server/api_error.hpp"
#include "server/json_body.hpp"

using namespace accountd::server;

namespace {

HttpRequest json_request(std::string body, std::string type = "application/json") {
    HttpRequest request;
    request.method = "POST";
    request.body = std::move(body);
    if (!type.empty()) request.headers["content-type"] = std::move(type);
    return request;
}

template <typename F>
ErrorCode error_of(F&& f) {
    try {
        f();
    } catch (const ApiError& e) {
        return e.code();
    }
    BOOST_FAIL("expected an ApiError");
    return ErrorCode::internal;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_body)

BOOST_AUTO_TEST_CASE(an_empty_body_is_an_empty_object) {
    BOOST_TEST(parse_json_object(json_request("", "")).empty());
    BOOST_TEST(parse_json_object(json_request("  \n", "")).empty());
    BOOST_TEST(parse_json_object(json_request("[]")).is_object());
    BOOST_TEST(parse_json_object(json_request(" [ ] ")).empty());
}

BOOST_AUTO_TEST_CASE(bodies_must_be_declared_json) {
    BOOST_TEST((error_of([] { parse_json_object(json_request("{}", "")); }) ==
                ErrorCode::missing_content_type));
    BOOST_TEST((error_of([] {
                    parse_json_object(json_request("a=b", "application/x-www-form-urlencoded"));
                }) == ErrorCode::unsupported_media_type));
    BOOST_TEST(parse_json_object(json_request("{}", "application/vnd.api+json")).empty());
}

BOOST_AUTO_TEST_CASE(malformed_or_non_object_json_is_malformed_json) {
    for (const char* body : {"{", "{\"a\":}", "[1,2]", "\"text\"", "42", "{\"a\":\"\xff\"}"}) {
        BOOST_TEST(
            (error_of([&] { parse_json_object(json_request(body)); }) == ErrorCode::malformed_json),
            body);
    }
}

BOOST_AUTO_TEST_CASE(deeply_nested_json_is_handled_without_crashing) {
    const std::string deep = "{\"a\":" + std::string(20000, '[') + std::string(20000, ']') + "}";
    BOOST_TEST(parse_json_object(json_request(deep)).contains("a"));
}

BOOST_AUTO_TEST_CASE(string_fields_are_type_checked) {
    const auto body = nlohmann::json::parse(R"({"s":"x","n":5,"z":null,"a":[]})");
    BOOST_TEST(optional_string(body, "s").value() == "x");
    BOOST_TEST(!optional_string(body, "z").has_value());
    BOOST_TEST(!optional_string(body, "missing").has_value());
    BOOST_TEST(required_string(body, "s") == "x");
    try {
        optional_string(body, "n");
        BOOST_FAIL("expected invalid_field");
    } catch (const ApiError& e) {
        BOOST_TEST((e.code() == ErrorCode::invalid_field));
        BOOST_TEST(e.field == "n");
        BOOST_TEST(e.rule == "string");
        BOOST_TEST(e.rule_argument == "an integer");
    }
    BOOST_TEST((error_of([&] { required_string(body, "missing"); }) == ErrorCode::missing_field));
    BOOST_TEST((error_of([&] { required_string(body, "a"); }) == ErrorCode::invalid_field));
}

BOOST_AUTO_TEST_CASE(integer_fields_are_type_checked) {
    const auto body = nlohmann::json::parse(R"({"i":5,"s":"5","f":1.5})");
    BOOST_TEST(required_integer(body, "i") == 5);
    BOOST_TEST((error_of([&] { required_integer(body, "s"); }) == ErrorCode::invalid_field));
    BOOST_TEST((error_of([&] { required_integer(body, "f"); }) == ErrorCode::invalid_field));
    BOOST_TEST((error_of([&] { required_integer(body, "x"); }) == ErrorCode::missing_field));
}

BOOST_AUTO_TEST_SUITE_END()
