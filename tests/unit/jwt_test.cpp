#include <boost/test/unit_test.hpp>

#include "crypto/encoding.hpp"
#include "crypto/jwt.hpp"

using namespace accountd::crypto;

BOOST_AUTO_TEST_SUITE(jwt)

BOOST_AUTO_TEST_CASE(a_signed_token_verifies_and_returns_its_claims) {
    const auto token = jwt_hs256_sign({{"userId", 7}, {"sessionId", "abc"}}, "key");
    const auto claims = jwt_hs256_verify(token, "key");
    BOOST_REQUIRE(claims.has_value());
    BOOST_TEST((*claims)["userId"].get<int>() == 7);
}

// RFC 7515 appendix A.1 shape: header {"alg":"HS256","typ":"JWT"}, compact serialization.
BOOST_AUTO_TEST_CASE(the_header_is_the_standard_hs256_header) {
    const auto token = jwt_hs256_sign({{"a", 1}}, "key");
    BOOST_TEST(token.substr(0, token.find('.')) ==
               base64url_encode(R"({"alg":"HS256","typ":"JWT"})"));
}

BOOST_AUTO_TEST_CASE(a_token_with_another_key_or_a_changed_payload_is_refused) {
    const auto token = jwt_hs256_sign({{"userId", 7}}, "key");
    BOOST_TEST(!jwt_hs256_verify(token, "other").has_value());
    const auto first = token.find('.');
    const auto second = token.find('.', first + 1);
    const std::string forged =
        token.substr(0, first + 1) + base64url_encode(R"({"userId":8})") + token.substr(second);
    BOOST_TEST(!jwt_hs256_verify(forged, "key").has_value());
}

BOOST_AUTO_TEST_CASE(alg_none_and_malformed_tokens_are_refused) {
    const std::string none =
        base64url_encode(R"({"alg":"none"})") + "." + base64url_encode(R"({"userId":1})") + ".";
    BOOST_TEST(!jwt_hs256_verify(none, "key").has_value());
    BOOST_TEST(!jwt_hs256_verify("", "key").has_value());
    BOOST_TEST(!jwt_hs256_verify("a.b", "key").has_value());
    BOOST_TEST(!jwt_hs256_verify("a.b.c.d", "key").has_value());
    BOOST_TEST(!jwt_hs256_verify("!!.??.**", "key").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
