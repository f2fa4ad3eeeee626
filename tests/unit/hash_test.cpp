#include <boost/test/unit_test.hpp>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"

using namespace accountd::crypto;

BOOST_AUTO_TEST_SUITE(hash)

BOOST_AUTO_TEST_CASE(sha256_matches_fips_180_vectors) {
    BOOST_TEST(to_hex(sha256("abc")) ==
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(to_hex(sha256("")) ==
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// RFC 4231 section 4.2 (test case 1) and 4.3 (test case 2).
BOOST_AUTO_TEST_CASE(hmac_sha256_matches_rfc4231_vectors) {
    BOOST_TEST(to_hex(hmac_sha256(std::string(20, '\x0b'), "Hi There")) ==
               "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    BOOST_TEST(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Test case 6: a key longer than the block size is hashed first.
    BOOST_TEST(to_hex(hmac_sha256(std::string(131, '\xaa'),
                                  "Test Using Larger Than Block-Size Key - Hash Key First")) ==
               "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

// RFC 2202 section 3, test case 2.
BOOST_AUTO_TEST_CASE(hmac_sha1_matches_rfc2202_vector) {
    BOOST_TEST(to_hex(hmac_sha1("Jefe", "what do ya want for nothing?")) ==
               "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

BOOST_AUTO_TEST_CASE(constant_time_equals_compares_content_and_length) {
    BOOST_TEST(constant_time_equals("secret", "secret"));
    BOOST_TEST(!constant_time_equals("secret", "secreT"));
    BOOST_TEST(!constant_time_equals("secret", "secret2"));
    BOOST_TEST(constant_time_equals("", ""));
    BOOST_TEST(constant_time_equals(std::string("a\0b", 3), std::string("a\0b", 3)));
    BOOST_TEST(!constant_time_equals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

BOOST_AUTO_TEST_CASE(derived_keys_differ_by_purpose_and_are_stable) {
    const std::string master(32, 'k');
    BOOST_TEST(derive_key(master, "a") == derive_key(master, "a"));
    BOOST_TEST(derive_key(master, "a") != derive_key(master, "b"));
    BOOST_TEST(derive_key(master, "a").size() == 32u);
    // HKDF-Expand with one block: T(1) = HMAC(PRK, info || 0x01).
    BOOST_TEST(derive_key(master, "a") == hmac_sha256(master, std::string("accountd/v1/a\x01")));
}

BOOST_AUTO_TEST_SUITE_END()
