#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>

#include "services/api_key_format.hpp"
#include "test_support.hpp"

using namespace accountd;
using services::ApiKeyFormat;

namespace {

bool all_of_class(const std::string& text, int (*is_class)(int)) {
    return std::all_of(text.begin(), text.end(),
                       [&](char c) { return is_class(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(api_key_format)

BOOST_AUTO_TEST_CASE(each_dialect_mints_keys_of_its_own_shape) {
    testing::CountingRandom random;
    const auto& ptero = services::pterodactyl_key_format();
    const auto id = ptero.new_identifier(random);
    const auto secret = ptero.new_secret(random);
    BOOST_TEST(id.size() == 16U);
    BOOST_TEST(id.starts_with("ptlc_"));
    BOOST_TEST(secret.size() == 32U);
    BOOST_TEST(all_of_class(secret, ::isalnum));

    const auto& cala = services::calagopus_key_format();
    const auto cala_key = cala.new_identifier(random) + cala.new_secret(random);
    BOOST_TEST(cala_key.size() == 48U);
    BOOST_TEST(cala_key.starts_with("c7sp_"));
    BOOST_TEST(all_of_class(cala_key.substr(5), ::isalnum));

    const auto& ecli = services::eclipanel_key_format();
    const auto ecli_key = ecli.new_identifier(random) + ecli.new_secret(random);
    BOOST_TEST(ecli_key.size() == 64U);
    BOOST_TEST(ecli_key.find_first_not_of("0123456789abcdef") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_presented_key_is_parsed_in_the_formats_that_carry_it) {
    const std::string ptlc = "ptlc_" + std::string(11, 'A') + std::string(32, 'b');
    const std::string c7sp = "c7sp_" + std::string(43, 'x');
    const std::string hex = std::string(64, 'a');
    const auto& ptero = services::pterodactyl_key_format();
    const auto& cala = services::calagopus_key_format();
    const auto& ecli = services::eclipanel_key_format();

    BOOST_TEST(ptero.canonical(ptlc).value() == ptlc);
    BOOST_TEST(ptero.identifier_of(ptlc) == ptlc.substr(0, 16));
    BOOST_TEST(cala.canonical(c7sp).value() == c7sp);
    BOOST_TEST(cala.identifier_of(c7sp) == "c7sp_xxxxxxxxxxx");
    BOOST_TEST(ecli.canonical(hex).value() == hex);
    BOOST_TEST(ecli.identifier_of(hex) == std::string(16, 'a'));

    // Calagopus carries the account's Pterodactyl keys too: any 48 of [A-Za-z0-9_].
    BOOST_TEST(cala.canonical(ptlc).value() == ptlc);
    BOOST_TEST(ptero.canonical(c7sp).value() == c7sp);
    BOOST_TEST(!ecli.canonical(ptlc).has_value());
    BOOST_TEST(!ecli.canonical(c7sp).has_value());
    BOOST_TEST(!cala.canonical(hex).has_value());
    // Wrong lengths and characters never reach a lookup.
    BOOST_TEST(!ptero.canonical(ptlc + "x").has_value());
    BOOST_TEST(!ptero.canonical(ptlc.substr(1)).has_value());
    BOOST_TEST(!ptero.canonical("ptlc_" + std::string(11, 'A') + std::string(31, 'b') + "-"));
    BOOST_TEST(!cala.canonical("c7sp_" + std::string(42, 'x') + "!").has_value());
    BOOST_TEST(!ecli.canonical(std::string(63, 'a') + "g").has_value());
}

BOOST_AUTO_TEST_CASE(pterodactyl_looks_up_keys_of_other_prefixes_to_refuse_them_by_type) {
    // Application keys ("ptla_") reach the lookup, which refuses them for their type with
    // Pterodactyl's own 403.
    const std::string ptla = "ptla_" + std::string(43, 'Q');
    BOOST_TEST(services::pterodactyl_key_format().canonical(ptla).value() == ptla);
    // Calagopus looks them up too (it also carries the account's Pterodactyl keys).
    BOOST_TEST(
        services::calagopus_key_format().canonical("ptla_" + std::string(43, 'Q')).has_value());
    BOOST_TEST(
        !services::calagopus_key_format().canonical("ptla-" + std::string(43, 'Q')).has_value());
}

BOOST_AUTO_TEST_CASE(eclipanel_keys_match_whatever_their_case) {
    const std::string upper = "ABCDEF" + std::string(58, '0');
    const std::string lower = "abcdef" + std::string(58, '0');
    BOOST_TEST(services::eclipanel_key_format().canonical(upper).value() == lower);
}

BOOST_AUTO_TEST_CASE(identifiers_are_checked_before_a_lookup_by_identifier) {
    BOOST_TEST(services::pterodactyl_key_format().plausible_identifier("ptlc_abcdefghijk"));
    BOOST_TEST(!services::pterodactyl_key_format().plausible_identifier("ptlc_abc"));
    BOOST_TEST(!services::pterodactyl_key_format().plausible_identifier("ptlc_abcdefghij%"));
    BOOST_TEST(services::calagopus_key_format().plausible_identifier("c7sp_abcdefghijk"));
    BOOST_TEST(services::calagopus_key_format().plausible_identifier("ptlc_abcdefghijk"));
    BOOST_TEST(!services::calagopus_key_format().plausible_identifier("c7sp_abcdefghij%"));
    BOOST_TEST(services::eclipanel_key_format().plausible_identifier("0123456789abcdef"));
    BOOST_TEST(!services::eclipanel_key_format().plausible_identifier("0123456789abcdeg"));
}

BOOST_AUTO_TEST_SUITE_END()
