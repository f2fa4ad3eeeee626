// Reading a Calagopus API-key body: serde's refusals first (types, missing fields, addresses,
// dates), then garde's messages, one per failing field.

#include <boost/test/unit_test.hpp>

#include "handlers/calagopus/api_key_request.hpp"
#include "handlers/common/time_format.hpp"
#include "server/api_error.hpp"

using namespace accountd;
using namespace std::chrono_literals;
using handlers::calagopus::api_key_violations;
using handlers::calagopus::ip_network;
using handlers::calagopus::read_api_key_request;

namespace {

const services::Timestamp kNow(1'800'000'000s);

nlohmann::json create_body() {
    return {{"name", "deploy"},
            {"allowed_ips", nlohmann::json::array()},
            {"user_permissions", {"account.email"}},
            {"admin_permissions", nlohmann::json::array()},
            {"server_permissions", nlohmann::json::array()}};
}

// The dialect's text of the refusal reading `body` throws, or "" when it reads.
std::string refusal(const nlohmann::json& body, bool all_required = true) {
    try {
        read_api_key_request(body, all_required);
    } catch (const server::ApiError& e) {
        return std::to_string(e.status) + " " + e.subject;
    }
    return "";
}

std::vector<std::string> violations(const nlohmann::json& body) {
    return api_key_violations(read_api_key_request(body, false), kNow);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_api_key_request)

BOOST_AUTO_TEST_CASE(addresses_become_networks_with_a_prefix) {
    BOOST_TEST(ip_network("10.0.0.1").value() == "10.0.0.1/32");
    BOOST_TEST(ip_network("2001:db8::1").value() == "2001:db8::1/128");
    BOOST_TEST(ip_network("10.1.2.3/8").value() == "10.1.2.3/8");
    BOOST_TEST(ip_network("2001:db8::/32").value() == "2001:db8::/32");
    BOOST_TEST(ip_network("192.168.0.0/255.255.255.0").value() == "192.168.0.0/24");
    BOOST_TEST(ip_network("10.0.0.0/0").value() == "10.0.0.0/0");
    for (const char* bad : {"", "10.0.0.300", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/",
                            "10.0.0.0/255.0.255.0", "10.0.0.0/-1", "10.0.0.0/ 8", "localhost",
                            "10.0.0.0/8/8", "2001:db8::/255.255.0.0", "10.0.0.1 "})
        BOOST_TEST(!ip_network(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(a_create_needs_every_field_but_expires) {
    BOOST_TEST(refusal(create_body()) == "");
    for (const char* field :
         {"name", "allowed_ips", "user_permissions", "admin_permissions", "server_permissions"}) {
        auto body = create_body();
        body.erase(field);
        BOOST_TEST(refusal(body) ==
                   std::string("400 invalid payload: missing field `") + field + "`");
        BOOST_TEST(refusal(body, false) == "", field);
    }
}

BOOST_AUTO_TEST_CASE(wrong_types_and_bad_entries_are_payload_errors) {
    auto body = create_body();
    body["name"] = 5;
    BOOST_TEST(refusal(body).starts_with("400 invalid payload: invalid type: "));
    body = create_body();
    body["user_permissions"] = "account.email";
    BOOST_TEST(refusal(body).find("expected a sequence") != std::string::npos);
    body = create_body();
    body["user_permissions"] = {1};
    BOOST_TEST(refusal(body).find("expected a string") != std::string::npos);
    body = create_body();
    body["allowed_ips"] = {"10.0.0.0/33"};
    BOOST_TEST(refusal(body).starts_with("400 invalid payload: "));
    body = create_body();
    body["expires"] = "tomorrow";
    BOOST_TEST(refusal(body).starts_with("400 invalid payload: "));
    body["expires"] = 17;
    BOOST_TEST(refusal(body).starts_with("400 invalid payload: "));
}

BOOST_AUTO_TEST_CASE(expires_absent_null_and_set_are_told_apart) {
    auto request = read_api_key_request(create_body(), true);
    BOOST_TEST(!request.expires_sent);
    auto body = create_body();
    body["expires"] = nullptr;
    request = read_api_key_request(body, true);
    BOOST_TEST(request.expires_sent);
    BOOST_TEST(!request.expires.has_value());
    body["expires"] = "2027-01-15T10:00:00.5+01:00";
    request = read_api_key_request(body, true);
    BOOST_TEST(request.expires_sent);
    BOOST_TEST(handlers::rfc3339_z(request.expires.value()) == "2027-01-15T09:00:00Z");
}

BOOST_AUTO_TEST_CASE(garde_reports_each_failing_field) {
    BOOST_TEST(violations(create_body()).empty());
    auto body = create_body();
    body["name"] = "ab";
    body["user_permissions"] = {"account.email", "account.everything"};
    body["admin_permissions"] = {"stats.read"};
    body["server_permissions"] = {"account.email"};
    body["expires"] = handlers::rfc3339_z(kNow);
    const std::vector<std::string> expected = {
        "name: length is lower than 3", "user_permissions: invalid permission: account.everything",
        "server_permissions: invalid permission: account.email",
        "expires: time must be in the future"};
    BOOST_TEST(violations(body) == expected, boost::test_tools::per_element());
    body = create_body();
    body["name"] = std::string(32, 'n');
    BOOST_TEST(violations(body).at(0) == "name: length is greater than 31");
    body["name"] = std::string(31, 'n');
    BOOST_TEST(violations(body).empty());
    // Characters, not bytes.
    body["name"] = "äöü";
    BOOST_TEST(violations(body).empty());
}

BOOST_AUTO_TEST_CASE(rfc3339_is_read_strictly) {
    using handlers::parse_rfc3339;
    BOOST_TEST(handlers::rfc3339_z(parse_rfc3339("2026-08-22T12:07:53Z").value()) ==
               "2026-08-22T12:07:53Z");
    BOOST_TEST(handlers::rfc3339_z(parse_rfc3339("2026-08-22t12:07:53.123456z").value()) ==
               "2026-08-22T12:07:53Z");
    BOOST_TEST(handlers::rfc3339_z(parse_rfc3339("2026-08-22T00:30:00-01:30").value()) ==
               "2026-08-22T02:00:00Z");
    BOOST_TEST(parse_rfc3339("9999-12-31T23:59:59Z").has_value());
    for (const char* bad :
         {"", "2026-08-22", "2026-08-22T12:07:53", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
          "2026-08-22T24:00:00Z", "2026-08-22T12:07:53.Z", "2026-08-22T12:07:53+0100",
          "2026-08-22T12:07:53Zx", "1969-12-31T23:59:59Z", "+2026-08-22T12:07:53Z",
          // Past what a DATETIME column holds once made UTC.
          "9999-12-31T23:59:59-00:01", "9999-12-31T23:59:60Z"})
        BOOST_TEST(!parse_rfc3339(bad).has_value(), bad);
}

BOOST_AUTO_TEST_SUITE_END()
