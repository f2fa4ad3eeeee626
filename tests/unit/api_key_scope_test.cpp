#include <boost/test/unit_test.hpp>

#include "services/api_key_scope.hpp"

using namespace accountd;
using namespace std::chrono_literals;
using services::ApiKey;
using services::is_restricted;
using services::is_within;

namespace {

ApiKey key(std::vector<std::string> ips = {},
           std::optional<services::Timestamp> expires = std::nullopt,
           std::optional<std::vector<std::string>> permissions = std::nullopt) {
    ApiKey k;
    k.allowed_ips = std::move(ips);
    k.expires_at = expires;
    k.permissions = std::move(permissions);
    return k;
}

const services::Timestamp kNoon{std::chrono::seconds(1'700'000'000)};

}  // namespace

BOOST_AUTO_TEST_SUITE(api_key_scope)

BOOST_AUTO_TEST_CASE(a_key_is_restricted_by_an_allow_list_an_expiry_or_a_permission_list) {
    BOOST_TEST(!is_restricted(key()));
    BOOST_TEST(is_restricted(key({"192.0.2.1"})));
    BOOST_TEST(is_restricted(key({}, kNoon)));
    BOOST_TEST(is_restricted(key({}, std::nullopt, std::vector<std::string>{})));
}

BOOST_AUTO_TEST_CASE(every_key_is_within_itself_and_within_an_unrestricted_key) {
    for (const auto& k : {key(), key({"10.0.0.0/8"}, kNoon, std::vector<std::string>{"a"})}) {
        BOOST_TEST(is_within(k, k));
        BOOST_TEST(is_within(k, key()));
    }
}

BOOST_AUTO_TEST_CASE(a_key_is_within_another_only_on_every_axis) {
    const auto outer = key({"10.0.0.0/8", "192.0.2.7"}, kNoon, std::vector<std::string>{"a", "b"});
    const std::vector<std::string> a{"a"};
    BOOST_TEST(is_within(key({"10.1.0.0/16", "192.0.2.7"}, kNoon - 1s, a), outer));
    // Addresses: no list is every address; one entry outside is enough; unreadable is outside.
    BOOST_TEST(!is_within(key({}, kNoon, a), outer));
    BOOST_TEST(!is_within(key({"10.1.0.0/16", "192.0.2.8"}, kNoon, a), outer));
    BOOST_TEST(!is_within(key({"not an address"}, kNoon, a), outer));
    // Expiry: none, or later, is wider.
    BOOST_TEST(!is_within(key({"10.0.0.1"}, std::nullopt, a), outer));
    BOOST_TEST(!is_within(key({"10.0.0.1"}, kNoon + 1s, a), outer));
    // Permissions: none is the whole account; one more is wider.
    BOOST_TEST(!is_within(key({"10.0.0.1"}, kNoon, std::nullopt), outer));
    BOOST_TEST(!is_within(key({"10.0.0.1"}, kNoon, std::vector<std::string>{"a", "c"}), outer));
}

BOOST_AUTO_TEST_SUITE_END()
