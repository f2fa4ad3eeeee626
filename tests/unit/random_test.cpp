#include <boost/test/unit_test.hpp>

#include <regex>
#include <set>

#include "crypto/random.hpp"
#include "test_support.hpp"

using namespace accountd::crypto;

BOOST_AUTO_TEST_SUITE(randomness)

BOOST_AUTO_TEST_CASE(uuid_v4_has_version_and_variant_bits) {
    OsRandom random;
    const std::regex shape("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    for (int i = 0; i < 50; ++i)
        BOOST_TEST(std::regex_match(random_uuid_v4(random), shape));
}

BOOST_AUTO_TEST_CASE(alphanumeric_strings_use_the_whole_alphabet_and_nothing_else) {
    OsRandom random;
    const auto text = random_alphanumeric(random, 5000);
    BOOST_TEST(text.size() == 5000u);
    const std::set<char> seen(text.begin(), text.end());
    BOOST_TEST(seen.size() == 62u);
    BOOST_TEST(std::all_of(text.begin(), text.end(),
                           [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }));
}

BOOST_AUTO_TEST_CASE(os_random_does_not_repeat) {
    OsRandom random;
    BOOST_TEST(random.bytes(32) != random.bytes(32));
}

BOOST_AUTO_TEST_SUITE_END()
