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

// The error id of a refused body, or "field:<rule>" for a field that broke a rule.
template <typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const ApiError& e) {
        return std::string(error_code_name(e.code()));
    } catch (const accountd::services::ServiceError& e) {
        return "field:" + std::string(accountd::services::rule_id(e.violations().front().rule));
    }
    BOOST_FAIL("expected an ApiError or a ServiceError");
    return "none";
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
    BOOST_TEST(error_of([] { parse_json_object(json_request("{}", "")); }) ==
               "missing_content_type");
    BOOST_TEST(error_of([] {
                   parse_json_object(json_request("a=b", "application/x-www-form-urlencoded"));
               }) == "unsupported_media_type");
    BOOST_TEST(parse_json_object(json_request("{}", "application/vnd.api+json")).empty());
}

BOOST_AUTO_TEST_CASE(a_cookie_caller_must_declare_even_an_empty_body_json) {
    const auto context_for = [](const HttpRequest& request,
                                std::optional<CredentialSource> source) {
        RequestContext ctx{request, {}, std::nullopt, "127.0.0.1"};
        if (source) ctx.principal = Principal{{}, std::nullopt, std::nullopt, *source};
        return ctx;
    };
    const auto empty_form = json_request("", "application/x-www-form-urlencoded");
    const auto untyped = json_request("", "");
    BOOST_TEST(error_of([&] {
                   parse_json_object(context_for(empty_form, CredentialSource::session_cookie));
               }) == "unsupported_media_type");
    BOOST_TEST(error_of([&] {
                   parse_json_object(context_for(untyped, CredentialSource::session_cookie));
               }) == "missing_content_type");
    BOOST_TEST(
        parse_json_object(context_for(json_request(""), CredentialSource::session_cookie)).empty());
    // Bearer and key callers, and the unauthenticated, are no cross-site form.
    BOOST_TEST(parse_json_object(context_for(untyped, CredentialSource::api_key)).empty());
    BOOST_TEST(
        parse_json_object(context_for(empty_form, CredentialSource::session_bearer)).empty());
    BOOST_TEST(parse_json_object(context_for(untyped, std::nullopt)).empty());
}

BOOST_AUTO_TEST_CASE(malformed_or_non_object_json_is_malformed_json) {
    for (const char* body : {"{", "{\"a\":}", "[1,2]", "\"text\"", "42", "{\"a\":\"\xff\"}"}) {
        BOOST_TEST(error_of([&] { parse_json_object(json_request(body)); }) == "malformed_json",
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
        BOOST_FAIL("expected invalid_fields");
    } catch (const accountd::services::ServiceError& e) {
        BOOST_TEST((e.kind() == accountd::services::ServiceError::Kind::invalid_fields));
        BOOST_TEST(e.violations().size() == 1U);
        BOOST_TEST(e.violations().front().field == "n");
        BOOST_TEST((e.violations().front().rule == accountd::services::Rule::string));
        BOOST_TEST(e.violations().front().argument == "an integer");
    }
    BOOST_TEST(error_of([&] { required_string(body, "missing"); }) == "field:required");
    BOOST_TEST(error_of([&] { required_string(body, "a"); }) == "field:string");
}

BOOST_AUTO_TEST_CASE(integer_fields_are_type_checked) {
    const auto body = nlohmann::json::parse(R"({"i":5,"s":"5","f":1.5})");
    BOOST_TEST(required_integer(body, "i") == 5);
    BOOST_TEST(error_of([&] { required_integer(body, "s"); }) == "field:integer");
    BOOST_TEST(error_of([&] { required_integer(body, "f"); }) == "field:integer");
    BOOST_TEST(error_of([&] { required_integer(body, "x"); }) == "field:required");
}

BOOST_AUTO_TEST_CASE(a_field_reader_collects_every_violation_in_order) {
    const auto body = nlohmann::json::parse(R"({"s":"x","n":5,"b":true})");
    FieldReader fields(body);
    BOOST_TEST(fields.string("s").value() == "x");
    BOOST_TEST(!fields.string("n").has_value());
    BOOST_TEST(!fields.string("missing").has_value());
    BOOST_TEST(fields.failed("n"));
    BOOST_TEST(!fields.failed("missing"));
    BOOST_TEST(!fields.string("b").has_value());
    fields.add("s", accountd::services::Rule::size, "6");
    try {
        fields.check();
        BOOST_FAIL("expected invalid_fields");
    } catch (const accountd::services::ServiceError& e) {
        BOOST_TEST(e.violations().size() == 3U);
        BOOST_TEST(e.violations()[0].field == "n");
        BOOST_TEST(e.violations()[1].field == "b");
        BOOST_TEST(e.violations()[1].argument == "a boolean");
        BOOST_TEST(e.violations()[2].field == "s");
    }
    FieldReader clean(body);
    BOOST_TEST(clean.string("s").value() == "x");
    BOOST_TEST(clean.ok());
    BOOST_CHECK_NO_THROW(clean.check());
}

BOOST_AUTO_TEST_SUITE_END()
