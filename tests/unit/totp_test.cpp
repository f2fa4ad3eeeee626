#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <memory>

#include "crypto/encoding.hpp"
#include "crypto/random.hpp"
#include "crypto/totp.hpp"

using namespace accountd::crypto;

namespace {

const std::string kRfcKey = "12345678901234567890";  // RFC 4226 / RFC 6238 SHA-1 seed

std::string oathtool(const std::string& base32_secret, std::int64_t unix_seconds) {
    const std::string command =
        "oathtool --totp -b " + base32_secret + " -N @" + std::to_string(unix_seconds);
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    BOOST_REQUIRE_MESSAGE(pipe != nullptr, "cannot run oathtool");
    char buffer[32] = {};
    const bool read = fgets(buffer, sizeof buffer, pipe.get()) != nullptr;
    BOOST_REQUIRE_MESSAGE(
        read, "oathtool printed nothing (is it installed? scripts/test.sh installs it)");
    std::string code(buffer);
    while (!code.empty() && (code.back() == '\n' || code.back() == '\r'))
        code.pop_back();
    return code;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(totp)

// RFC 4226 appendix D.
BOOST_AUTO_TEST_CASE(hotp_matches_rfc4226_appendix_d) {
    const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                              "254676", "287922", "162583", "399871", "520489"};
    for (std::uint64_t counter = 0; counter < 10; ++counter) {
        BOOST_TEST(hotp(kRfcKey, counter, 6) == expected[counter]);
    }
}

// RFC 6238 appendix B, SHA-1 rows (8 digits).
BOOST_AUTO_TEST_CASE(totp_matches_rfc6238_appendix_b) {
    const std::pair<std::int64_t, const char*> rows[] = {
        {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
        {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
    for (const auto& [time, code] : rows) {
        BOOST_TEST(hotp(kRfcKey, static_cast<std::uint64_t>(totp_step(time, 30)), 8) == code, time);
    }
}

BOOST_AUTO_TEST_CASE(codes_agree_with_oathtool_for_random_secrets) {
    OsRandom random;
    for (int i = 0; i < 5; ++i) {
        const std::string key = random.bytes(20);
        const std::string secret = base32_encode(key, false);
        for (const std::int64_t time :
             {std::int64_t{59}, std::int64_t{1700000000}, std::int64_t{1795441234}}) {
            BOOST_TEST(hotp(key, static_cast<std::uint64_t>(totp_step(time, 30)), 6) ==
                       oathtool(secret, time));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_code_is_accepted_within_the_window_and_names_its_step) {
    const TotpParams params;  // 6 digits, 30 s, +-1 step
    const std::int64_t now = 1700000000;
    const auto step = totp_step(now, 30);
    BOOST_TEST(verify_totp(kRfcKey, hotp(kRfcKey, step, 6), now, params, std::nullopt).value() ==
               step);
    BOOST_TEST(
        verify_totp(kRfcKey, hotp(kRfcKey, step - 1, 6), now, params, std::nullopt).value() ==
        step - 1);
    BOOST_TEST(
        verify_totp(kRfcKey, hotp(kRfcKey, step + 1, 6), now, params, std::nullopt).value() ==
        step + 1);
    BOOST_TEST(
        !verify_totp(kRfcKey, hotp(kRfcKey, step - 2, 6), now, params, std::nullopt).has_value());
    BOOST_TEST(
        !verify_totp(kRfcKey, hotp(kRfcKey, step + 2, 6), now, params, std::nullopt).has_value());
}

BOOST_AUTO_TEST_CASE(a_time_step_is_accepted_only_once) {
    const TotpParams params;
    const std::int64_t now = 1700000000;
    const auto step = totp_step(now, 30);
    const auto code = hotp(kRfcKey, step, 6);
    BOOST_TEST(!verify_totp(kRfcKey, code, now, params, step).has_value());
    BOOST_TEST(!verify_totp(kRfcKey, hotp(kRfcKey, step - 1, 6), now, params, step).has_value());
    BOOST_TEST(verify_totp(kRfcKey, hotp(kRfcKey, step + 1, 6), now, params, step).has_value());
}

BOOST_AUTO_TEST_CASE(malformed_codes_are_refused) {
    const TotpParams params;
    for (const char* code : {"", "12345", "1234567", "12345a", " 12345", "１２３４５６"}) {
        BOOST_TEST(!verify_totp(kRfcKey, code, 1700000000, params, std::nullopt).has_value(), code);
    }
}

BOOST_AUTO_TEST_SUITE_END()
