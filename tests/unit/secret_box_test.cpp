#include <boost/test/unit_test.hpp>

#include "crypto/encoding.hpp"
#include "crypto/secret_box.hpp"
#include "test_support.hpp"

using namespace accountd::crypto;

namespace {

class ZeroRandom final : public RandomSource {
  public:
    void fill(std::uint8_t* out, std::size_t size) override { std::fill(out, out + size, 0); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(secret_box)

// The GCM specification's test case 14 (McGrew and Viega): K = 0^256, IV = 0^96, P = 0^128.
BOOST_AUTO_TEST_CASE(seal_matches_the_gcm_specification_vector) {
    ZeroRandom zeros;
    const SecretBox box(std::string(32, '\0'), zeros);
    const auto sealed = box.seal(std::string(16, '\0'), "");
    BOOST_TEST(to_hex(sealed) == std::string(24, '0') + "cea7403d4d606b6e074ec5d3baf39d18" +
                                     "d0d1c8a799996bf0265b98b5d48ab919");
}

BOOST_AUTO_TEST_CASE(a_sealed_secret_opens_with_the_same_key_and_associated_data) {
    OsRandom random;
    const SecretBox box(random.bytes(32), random);
    const auto sealed = box.seal("JBSWY3DPEHPK3PXP", "totp:user-1");
    BOOST_TEST(sealed.size() == 12u + 16u + 16u);
    BOOST_TEST(box.open(sealed, "totp:user-1").value() == "JBSWY3DPEHPK3PXP");
    BOOST_TEST(box.seal("same", "ad") != box.seal("same", "ad"));  // fresh nonce each time
}

BOOST_AUTO_TEST_CASE(altered_truncated_or_misplaced_boxes_do_not_open) {
    OsRandom random;
    const SecretBox box(random.bytes(32), random);
    const SecretBox other(random.bytes(32), random);
    const auto sealed = box.seal("secret", "totp:user-1");
    BOOST_TEST(!box.open(sealed, "totp:user-2").has_value());
    BOOST_TEST(!other.open(sealed, "totp:user-1").has_value());
    for (std::size_t i = 0; i < sealed.size(); ++i) {
        std::string altered = sealed;
        altered[i] = static_cast<char>(altered[i] ^ 0x01);
        BOOST_TEST(!box.open(altered, "totp:user-1").has_value(), i);
    }
    BOOST_TEST(!box.open(sealed.substr(0, 27), "totp:user-1").has_value());
    BOOST_TEST(!box.open("", "totp:user-1").has_value());
}

BOOST_AUTO_TEST_CASE(a_key_that_is_not_256_bits_is_refused) {
    OsRandom random;
    BOOST_CHECK_THROW(SecretBox(std::string(16, 'k'), random), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
