#include <boost/test/unit_test.hpp>

#include <crypt.h>

#include <memory>

#include "crypto/password_hasher.hpp"
#include "crypto/unicode_text.hpp"
#include "test_support.hpp"

using namespace accountd::crypto;
using accountd::testing::CountingRandom;
using accountd::testing::read_test_data;

namespace {
// Small parameters keep the suite fast; one test uses the production default.
const Argon2Params kFast{8192, 1, 1};
const std::string kPhpPassword = "correct horse battery staple";

// "café au lait" with é as one code point (U+00E9) and as e + U+0301 COMBINING ACUTE ACCENT.
const std::string kComposed = "caf\xc3\xa9 au lait";
const std::string kDecomposed = "cafe\xcc\x81 au lait";

// A bcrypt hash of the bytes as given, as a hash made before normalisation (or by PHP) holds.
std::string bcrypt_of(const std::string& password) {
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    BOOST_REQUIRE(crypt_gensalt_rn("$2b$", 4, nullptr, 0, setting, sizeof setting) != nullptr);
    auto data = std::make_unique<crypt_data>();
    const char* out = crypt_rn(password.c_str(), setting, data.get(), sizeof(crypt_data));
    BOOST_REQUIRE(out != nullptr);
    return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(password_hasher)

BOOST_AUTO_TEST_CASE(argon2id_round_trip_with_default_owasp_parameters) {
    CountingRandom random;
    const PasswordHasher hasher(Argon2Params{}, "pepper", random);
    const auto stored = hasher.hash("a long enough password");
    BOOST_TEST(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1,keyid=p1$"));
    BOOST_TEST((hasher.verify("a long enough password", stored) == PasswordCheck::match));
    BOOST_TEST((hasher.verify("a long enough passworD", stored) == PasswordCheck::mismatch));
}

BOOST_AUTO_TEST_CASE(the_same_password_hashes_differently_each_time) {
    CountingRandom random;
    const PasswordHasher hasher(kFast, "pepper", random);
    BOOST_TEST(hasher.hash("password") != hasher.hash("password"));
}

BOOST_AUTO_TEST_CASE(a_hash_made_under_another_pepper_does_not_verify) {
    CountingRandom random;
    const PasswordHasher one(kFast, "pepper-one", random);
    const PasswordHasher two(kFast, "pepper-two", random);
    BOOST_TEST((two.verify("password", one.hash("password")) == PasswordCheck::mismatch));
}

BOOST_AUTO_TEST_CASE(a_php_made_2y_bcrypt_hash_verifies_and_asks_for_a_rehash) {
    CountingRandom random;
    const PasswordHasher hasher(kFast, "pepper", random);
    const auto stored = read_test_data("php_password_hashes.txt").at("bcrypt_2y");
    BOOST_TEST((hasher.verify(kPhpPassword, stored) == PasswordCheck::match_needs_rehash));
    BOOST_TEST((hasher.verify(kPhpPassword + "x", stored) == PasswordCheck::mismatch));
    BOOST_TEST(
        (hasher.verify(std::string("correct\0horse", 13), stored) == PasswordCheck::mismatch));
}

BOOST_AUTO_TEST_CASE(bcrypt_2a_and_2b_prefixes_verify_like_2y) {
    CountingRandom random;
    const PasswordHasher hasher(kFast, "pepper", random);
    auto stored = read_test_data("php_password_hashes.txt").at("bcrypt_2y");
    for (const char* prefix : {"$2a$", "$2b$"}) {
        stored.replace(0, 4, prefix);
        BOOST_TEST((hasher.verify(kPhpPassword, stored) == PasswordCheck::match_needs_rehash));
    }
}

BOOST_AUTO_TEST_CASE(an_imported_php_argon2id_hash_without_pepper_verifies_and_asks_for_a_rehash) {
    CountingRandom random;
    const PasswordHasher hasher(kFast, "pepper", random);
    const auto stored = read_test_data("php_password_hashes.txt").at("argon2id");
    BOOST_TEST((hasher.verify(kPhpPassword, stored) == PasswordCheck::match_needs_rehash));
    BOOST_TEST((hasher.verify("wrong", stored) == PasswordCheck::mismatch));
}

BOOST_AUTO_TEST_CASE(changed_parameters_ask_for_a_rehash) {
    CountingRandom random;
    const PasswordHasher old_params(kFast, "pepper", random);
    const PasswordHasher new_params(Argon2Params{8192, 2, 1}, "pepper", random);
    BOOST_TEST(
        (new_params.verify("pw", old_params.hash("pw")) == PasswordCheck::match_needs_rehash));
}

BOOST_AUTO_TEST_CASE(garbage_and_hostile_stored_strings_are_mismatches_not_errors) {
    CountingRandom random;
    const PasswordHasher hasher(kFast, "pepper", random);
    for (const char* stored :
         {"", "plaintext", "$argon2id$",
          "$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
          "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
          "$argon2id$v=19$m=8192,t=1,p=1$!!!$aGFzaA", "$argon2i$v=19$m=8192,t=1,p=1$c2FsdA$aGFzaA",
          "$2y$10$short", "$1$md5crypt$xxxxxxxxxxxxxxxxxxxxxx"}) {
        BOOST_TEST((hasher.verify("pw", stored) == PasswordCheck::mismatch), stored);
    }
}

BOOST_AUTO_TEST_CASE(nfkc_composes_folds_compatibility_forms_and_refuses_bad_utf8) {
    BOOST_TEST(nfkc(kDecomposed).value() == kComposed);
    BOOST_TEST(nfkc(kComposed).value() == kComposed);
    BOOST_TEST(nfkc("\xef\xbd\x90\xef\xbd\x81\xef\xbd\x93\xef\xbd\x93").value() ==
               "pass");  // fullwidth
    BOOST_TEST(nfkc(std::string("a\0b", 3)).value() == std::string("a\0b", 3));
    BOOST_TEST(!nfkc("\xc3").has_value());          // truncated sequence
    BOOST_TEST(!nfkc("\xed\xa0\x80").has_value());  // a UTF-16 surrogate
    BOOST_TEST(nfkc("").value().empty());
}

// Issue 8.21: the same characters typed another way are the same password.
BOOST_AUTO_TEST_CASE(passwords_are_compared_in_their_normal_form) {
    CountingRandom random;
    const PasswordHasher hasher(kFast, "pepper", random);
    BOOST_TEST((hasher.verify(kDecomposed, hasher.hash(kComposed)) == PasswordCheck::match));
    BOOST_TEST((hasher.verify(kComposed, hasher.hash(kDecomposed)) == PasswordCheck::match));
    BOOST_TEST((hasher.verify("cafe au lait", hasher.hash(kComposed)) == PasswordCheck::mismatch));
    // Not UTF-8 at all: hashed and compared as the bytes they are.
    const std::string latin1 = "caf\xe9 au lait";
    BOOST_TEST((hasher.verify(latin1, hasher.hash(latin1)) == PasswordCheck::match));
    BOOST_TEST((hasher.verify(kComposed, hasher.hash(latin1)) == PasswordCheck::mismatch));
}

// A hash made before normalisation holds the bytes as typed: they still verify, and ask for a
// rehash, after which the password works in either form.
BOOST_AUTO_TEST_CASE(a_hash_of_the_raw_bytes_still_verifies_and_asks_for_a_rehash) {
    CountingRandom random;
    const PasswordHasher hasher(kFast, "pepper", random);
    const auto old_hash = bcrypt_of(kDecomposed);
    BOOST_TEST((hasher.verify(kDecomposed, old_hash) == PasswordCheck::match_needs_rehash));
    BOOST_TEST((hasher.verify(kDecomposed + "x", old_hash) == PasswordCheck::mismatch));
    const auto rehashed = hasher.hash(kDecomposed);
    BOOST_TEST((hasher.verify(kDecomposed, rehashed) == PasswordCheck::match));
    BOOST_TEST((hasher.verify(kComposed, rehashed) == PasswordCheck::match));
    // A composed password hashed raw was already in normal form: nothing changes for it.
    BOOST_TEST((hasher.verify(kDecomposed, bcrypt_of(kComposed)) ==
                PasswordCheck::match_needs_rehash));  // bcrypt: rehash anyway
}

BOOST_AUTO_TEST_CASE(burning_verification_time_for_unknown_users_does_not_throw) {
    CountingRandom random;
    const PasswordHasher hasher(kFast, "pepper", random);
    BOOST_CHECK_NO_THROW(hasher.burn_verification_time("anything"));
}

BOOST_AUTO_TEST_CASE(every_hash_and_verification_runs_inside_the_gate) {
    CountingRandom random;
    accountd::testing::CountingGate gate;
    const PasswordHasher hasher(kFast, "pepper", random, &gate);
    BOOST_TEST(gate.entered == 0);  // the dummy hash made at construction takes no place
    const auto stored = hasher.hash("a long enough password");
    (void)hasher.verify("a long enough password", stored);
    (void)hasher.verify("wrong", "$2y$10$3oevusaSKaasLycjoWxio.hCG74czenTkCP64yf4oLGpjJ9vm7GhO");
    hasher.burn_verification_time("anything");
    BOOST_TEST(gate.entered == 4);
    BOOST_TEST(gate.left == 4);
}

BOOST_AUTO_TEST_CASE(a_gate_that_refuses_stops_the_work_and_its_error_passes_through) {
    CountingRandom random;
    accountd::testing::RefusingGate gate;
    const PasswordHasher hasher(kFast, "pepper", random, &gate);
    BOOST_CHECK_THROW((void)hasher.hash("a long enough password"),
                      accountd::services::ServiceError);
    BOOST_CHECK_THROW(hasher.burn_verification_time("x"), accountd::services::ServiceError);
    BOOST_TEST(gate.refused == 2);
    BOOST_TEST(gate.left == 0);  // nothing taken, nothing given back
}

BOOST_AUTO_TEST_CASE(inside_a_hold_hashes_take_no_place_of_their_own) {
    CountingRandom random;
    accountd::testing::CountingGate gate;
    const PasswordHasher hasher(kFast, "pepper", random, &gate);
    {
        const auto hold = hasher.hold();
        BOOST_TEST(gate.entered == 1);
        const auto stored = hasher.hash("a long enough password");
        (void)hasher.verify("a long enough password", stored);
        BOOST_TEST(gate.entered == 1);
        BOOST_TEST(gate.left == 0);
    }
    BOOST_TEST(gate.left == 1);
    hasher.burn_verification_time("x");  // outside the hold again: its own place
    BOOST_TEST(gate.entered == 2);
}

BOOST_AUTO_TEST_SUITE_END()
