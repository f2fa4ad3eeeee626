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

BOOST_AUTO_TEST_CASE(standard_base64_decodes_padded_and_unpadded_rfc4648_vectors) {
    BOOST_TEST(base64_decode("").value() == "");
    BOOST_TEST(base64_decode("Zg==").value() == "f");
    BOOST_TEST(base64_decode("Zg").value() == "f");
    BOOST_TEST(base64_decode("Zm8=").value() == "fo");
    BOOST_TEST(base64_decode("Zm8").value() == "fo");
    BOOST_TEST(base64_decode("Zm9vYmFy").value() == "foobar");
    BOOST_TEST(base64_decode("+/8=").value() == "\xfb\xff");
}

BOOST_AUTO_TEST_CASE(standard_base64_refuses_the_url_alphabet_bad_padding_and_stray_bits) {
    BOOST_TEST(!base64_decode("-_8=").has_value());
    BOOST_TEST(!base64_decode("Zg=").has_value());
    BOOST_TEST(!base64_decode("Zg===").has_value());
    BOOST_TEST(!base64_decode("Z===").has_value());
    BOOST_TEST(!base64_decode("====").has_value());
    BOOST_TEST(!base64_decode("Zm=8").has_value());
    BOOST_TEST(!base64_decode("Zh==").has_value());  // non-zero trailing bits
    BOOST_TEST(!base64_decode("Zm 9v").has_value());
}

BOOST_AUTO_TEST_CASE(percent_encoding_keeps_only_unreserved_characters) {
    BOOST_TEST(percent_encode("AZaz09-._~") == "AZaz09-._~");
    BOOST_TEST(percent_encode("a b+c@d/é") == "a%20b%2Bc%40d%2F%C3%A9");
    BOOST_TEST(percent_decode(percent_encode("a b+c@d/é"), false) == "a b+c@d/é");
}

// Moved from http_request_test.cpp, where it tested server::url_decode.
BOOST_AUTO_TEST_CASE(percent_decoding_keeps_malformed_escapes) {
    BOOST_TEST(percent_decode("%41%2", false) == "A%2");
    BOOST_TEST(percent_decode("%zz+", false) == "%zz+");
    BOOST_TEST(percent_decode("a+b", true) == "a b");
    BOOST_TEST(percent_decode("%4a%4A", false) == "JJ");
}

BOOST_AUTO_TEST_CASE(hex_round_trips_and_rejects_garbage) {
    BOOST_TEST(to_hex("\x01\xab") == "01ab");
    BOOST_TEST(from_hex("01AB").value() == "\x01\xab");
    BOOST_TEST(!from_hex("0g").has_value());
    BOOST_TEST(!from_hex("123").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
