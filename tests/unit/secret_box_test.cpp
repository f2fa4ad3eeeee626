#include <boost/test/unit_test.hpp>

#include <vector>

#include "crypto/encoding.hpp"
#include "crypto/secret_box.hpp"
#include "test_support.hpp"

using namespace accountd::crypto;

namespace {

class ZeroRandom final : public RandomSource {
  public:
    void fill(std::uint8_t* out, std::size_t size) override { std::fill(out, out + size, 0); }
};

class OnesRandom final : public RandomSource {
  public:
    void fill(std::uint8_t* out, std::size_t size) override { std::fill(out, out + size, 1); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(secret_box)

// The GCM specification's test case 14 (McGrew and Viega): K = 0^256, IV = 0^96, P = 0^128.
BOOST_AUTO_TEST_CASE(seal_matches_the_gcm_specification_vector) {
    ZeroRandom zeros;
    const SecretBox box(std::string(32, '\0'), zeros);
    const auto sealed = box.seal(std::string(16, '\0'), "");
    // Format 1, key id 0, then nonce || ciphertext || tag.
    BOOST_TEST(to_hex(sealed) == "0100" + std::string(24, '0') +
                                     "cea7403d4d606b6e074ec5d3baf39d18" +
                                     "d0d1c8a799996bf0265b98b5d48ab919");
}

BOOST_AUTO_TEST_CASE(a_sealed_secret_opens_with_the_same_key_and_associated_data) {
    OsRandom random;
    const SecretBox box(random.bytes(32), random);
    const auto sealed = box.seal("JBSWY3DPEHPK3PXP", "totp:user-1");
    BOOST_TEST(sealed.size() == 2u + 12u + 16u + 16u);
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
    BOOST_TEST(!box.open(sealed.substr(0, 29), "totp:user-1").has_value());
    BOOST_TEST(!box.open("", "totp:user-1").has_value());
}

BOOST_AUTO_TEST_CASE(a_key_that_is_not_256_bits_is_refused) {
    OsRandom random;
    BOOST_CHECK_THROW(SecretBox(std::string(16, 'k'), random), std::invalid_argument);
    BOOST_CHECK_THROW(SecretBox({{0, std::string(32, 'k')}, {1, "short"}}, 0, random),
                      std::invalid_argument);
    BOOST_CHECK_THROW(SecretBox({{0, std::string(32, 'k')}}, 1, random), std::invalid_argument);
}

// Rotation: boxes name their key; the current one seals, every configured one opens.
BOOST_AUTO_TEST_CASE(boxes_sealed_with_an_old_key_open_while_it_is_configured) {
    OsRandom random;
    const std::string k0 = random.bytes(32), k1 = random.bytes(32), k2 = random.bytes(32);
    const SecretBox before({{0, k0}, {1, k1}}, 1, random);
    const auto old_box = before.seal("secret", "totp:u");
    BOOST_TEST(old_box.substr(0, 2) == std::string("\x01\x01", 2));

    const SecretBox after({{0, k0}, {1, k1}, {2, k2}}, 2, random);
    BOOST_TEST(after.open(old_box, "totp:u").value() == "secret");
    BOOST_TEST(!after.sealed_with_current_key(old_box, "totp:u"));
    const auto new_box = after.seal("secret", "totp:u");
    BOOST_TEST(new_box.substr(0, 2) == std::string("\x01\x02", 2));
    BOOST_TEST(after.sealed_with_current_key(new_box, "totp:u"));
    BOOST_TEST(!before.open(new_box, "totp:u").has_value());  // key 2 unknown there

    const SecretBox retired({{0, k0}, {2, k2}}, 2, random);
    BOOST_TEST(!retired.open(old_box, "totp:u").has_value());
    BOOST_TEST(retired.open(new_box, "totp:u").value() == "secret");
}

// TOTP secrets stored before key ids (nonce || ciphertext || tag, under what is now key 0)
// still open.
BOOST_AUTO_TEST_CASE(boxes_from_before_key_ids_open_with_key_zero) {
    OsRandom random;
    OnesRandom ones;  // a nonce that starts like a header naming key 1
    const std::string k0 = random.bytes(32);
    const SecretBox ring({{0, k0}, {1, random.bytes(32)}}, 1, random);
    for (RandomSource* nonces : std::vector<RandomSource*>{&random, &ones}) {
        // The old format is today's body: what a key-0 box holds after its header.
        const auto legacy = SecretBox(k0, *nonces).seal("JBSWY3DPEHPK3PXP", "totp:u").substr(2);
        BOOST_TEST(ring.open(legacy, "totp:u").value() == "JBSWY3DPEHPK3PXP");
        BOOST_TEST(!ring.sealed_with_current_key(legacy, "totp:u"));
        BOOST_TEST(!ring.open(legacy, "totp:other").has_value());
    }
}

BOOST_AUTO_TEST_SUITE_END()
