#include <boost/test/unit_test.hpp>

#include "crypto/encoding.hpp"

using namespace accountd::crypto;

BOOST_AUTO_TEST_SUITE(encoding)

// RFC 4648 section 10 test vectors.
BOOST_AUTO_TEST_CASE(base32_matches_rfc4648_vectors) {
    BOOST_TEST(base32_encode("", true) == "");
    BOOST_TEST(base32_encode("f", true) == "MY======");
    BOOST_TEST(base32_encode("fo", true) == "MZXQ====");
    BOOST_TEST(base32_encode("foo", true) == "MZXW6===");
    BOOST_TEST(base32_encode("foob", true) == "MZXW6YQ=");
    BOOST_TEST(base32_encode("fooba", true) == "MZXW6YTB");
    BOOST_TEST(base32_encode("foobar", true) == "MZXW6YTBOI======");
    BOOST_TEST(base32_encode("foobar", false) == "MZXW6YTBOI");
}

BOOST_AUTO_TEST_CASE(base32_decodes_padded_unpadded_and_lowercase) {
    BOOST_TEST(base32_decode("MZXW6YTBOI======").value() == "foobar");
    BOOST_TEST(base32_decode("mzxw6ytboi").value() == "foobar");
    BOOST_TEST(!base32_decode("MZXW1").has_value());
}

BOOST_AUTO_TEST_CASE(base64_matches_rfc4648_vectors) {
    BOOST_TEST(base64_encode("f") == "Zg==");
    BOOST_TEST(base64_encode("fo") == "Zm8=");
    BOOST_TEST(base64_encode("foo") == "Zm9v");
    BOOST_TEST(base64_encode("foobar") == "Zm9vYmFy");
    BOOST_TEST(base64url_encode("\xfb\xff") == "-_8");
    BOOST_TEST(base64url_decode("-_8").value() == "\xfb\xff");
    BOOST_TEST(!base64url_decode("-_9").has_value());  // non-zero trailing bits
    BOOST_TEST(!base64url_decode("a+b").has_value());
}

BOOST_AUTO_TEST_CASE(hex_round_trips_and_rejects_garbage) {
    BOOST_TEST(to_hex("\x01\xab") == "01ab");
    BOOST_TEST(from_hex("01AB").value() == "\x01\xab");
    BOOST_TEST(!from_hex("0g").has_value());
    BOOST_TEST(!from_hex("123").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
