#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <set>

#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "service_error_text.hpp"
#include "services/two_factor_service.hpp"
#include "support/in_memory_world.hpp"
#include "test_support.hpp"

using namespace accountd;
using namespace std::chrono_literals;
using testing::refusal;

namespace {

const std::string kPassword = "correct horse battery";

struct Fixture {
    testing::ManualClock clock;
    testing::CountingRandom random;
    testing::InMemoryWorld world;
    crypto::PasswordHasher hasher{crypto::Argon2Params{8192, 1, 1}, "pepper", random};
    crypto::SecretBox box{std::string(32, 'b'), random};
    services::TwoFactorService two_factor{
        world.two_factor,
        world.sessions,
        hasher,
        box,
        random,
        clock,
        std::string(32, 't'),
        services::TwoFactorSettings{
            .totp = crypto::TotpParams{.digits = 6, .period_seconds = 30, .window_steps = 1},
            .issuer = "Acme Panel",
            .pending_login_seconds = 300,
            .recovery_code_count = 10,
            .recovery_code_length = 10,
            .checkpoint_max_failures = 3,
        }};
    std::uint64_t id = 0;

    Fixture() {
        services::User u;
        u.uuid = "11111111-2222-4333-8444-555555555555";
        u.username = "alice";
        u.email = "alice@example.com";
        u.password_hash = hasher.hash(kPassword);
        id = world.users.insert(u);
    }

    /// The stored user as it stands now.
    services::User user() const { return world.users.rows.at(id); }

    /// The code for the clock's time step plus `steps_ahead`, from the Base32 secret.
    std::string code(const std::string& secret, std::int64_t steps_ahead = 0) const {
        const auto key = crypto::base32_decode(secret);
        BOOST_REQUIRE(key.has_value());
        const auto step = crypto::totp_step(clock.now().time_since_epoch().count(), 30);
        return crypto::hotp(*key, static_cast<std::uint64_t>(step + steps_ahead), 6);
    }
    /// Six digits that are none of the codes the window accepts now.
    std::string wrong_code(const std::string& secret) const {
        for (int i = 0;; ++i) {
            std::string candidate = std::to_string(100000 + i * 7919);
            if (candidate != code(secret, -1) && candidate != code(secret) &&
                candidate != code(secret, 1)) {
                return candidate;
            }
        }
    }

    /// Sets up and enables two-factor; returns the secret and fills `recovery`.
    std::string enable(std::vector<std::string>* recovery = nullptr) {
        const auto setup = two_factor.begin_setup(user());
        auto codes =
            two_factor.enable(user(), code(setup.secret), kPassword, std::nullopt, clock.now());
        if (recovery) *recovery = std::move(codes);
        return setup.secret;
    }

    services::Session session_of(std::uint64_t user_id) {
        services::Session s;
        s.user_id = user_id;
        s.dialect = "pterodactyl";
        s.public_id = world.unique("session");
        return s;
    }
    std::set<std::uint64_t> session_ids() const {
        std::set<std::uint64_t> ids;
        for (const auto& [sid, row] : world.sessions.rows)
            ids.insert(sid);
        return ids;
    }

    services::CheckpointResult checkpoint(const std::string& token,
                                          const std::optional<std::string>& totp,
                                          const std::optional<std::string>& recovery = {},
                                          const std::string& dialect = "pterodactyl") {
        return two_factor.checkpoint(token, dialect, totp, recovery, world.users);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(two_factor_service, Fixture)

BOOST_AUTO_TEST_CASE(setup_stores_a_sealed_secret_and_leaves_two_factor_off) {
    const auto setup = two_factor.begin_setup(user());
    BOOST_TEST(setup.secret.size() == 32u);
    BOOST_TEST(setup.otpauth_url == "otpauth://totp/Acme%20Panel:alice%40example.com?secret=" +
                                        setup.secret + "&issuer=Acme%20Panel");
    const auto stored = world.two_factor.secret(id);
    BOOST_REQUIRE(stored.has_value());
    const auto opened = box.open(stored->sealed, "totp:" + user().uuid);
    BOOST_REQUIRE(opened.has_value());
    BOOST_TEST(*opened == *crypto::base32_decode(setup.secret));
    BOOST_TEST(stored->sealed.find(*opened) == std::string::npos);
    BOOST_TEST((stored->set_at == clock.now()));
    BOOST_TEST(!user().totp_enabled);
}

BOOST_AUTO_TEST_CASE(setup_is_refused_when_two_factor_is_already_enabled) {
    enable();
    const auto before = world.two_factor.secret(id).value().sealed;
    BOOST_TEST(refusal([&] { two_factor.begin_setup(user()); }) == "two_factor: already_enabled");
    BOOST_TEST(world.two_factor.secret(id).value().sealed == before);
}

BOOST_AUTO_TEST_CASE(enabling_with_a_wrong_password_is_refused_for_the_two_factor_purpose) {
    const auto setup = two_factor.begin_setup(user());
    BOOST_TEST(refusal([&] {
                   two_factor.enable(user(), code(setup.secret), "wrong password!", std::nullopt,
                                     clock.now());
               }) == "wrong_password: two_factor");
    BOOST_TEST(refusal([&] {
                   two_factor.enable(user(), code(setup.secret), "", std::nullopt, clock.now());
               }) == "wrong_password: two_factor");
    BOOST_TEST(!user().totp_enabled);
    BOOST_TEST(world.two_factor.codes.empty());
}

BOOST_AUTO_TEST_CASE(enabling_with_a_wrong_code_is_refused_as_an_invalid_code) {
    const auto setup = two_factor.begin_setup(user());
    BOOST_TEST(refusal([&] {
                   two_factor.enable(user(), wrong_code(setup.secret), kPassword, std::nullopt,
                                     clock.now());
               }) == "two_factor: invalid_code");
    BOOST_TEST(refusal([&] {
                   two_factor.enable(user(), "12345a", kPassword, std::nullopt, clock.now());
               }) == "two_factor: invalid_code");
    BOOST_TEST(!user().totp_enabled);
}

BOOST_AUTO_TEST_CASE(enabling_without_a_setup_is_refused_as_not_set_up) {
    BOOST_TEST(refusal([&] {
                   two_factor.enable(user(), "123456", kPassword, std::nullopt, clock.now());
               }) == "two_factor: not_set_up");
    // The password is checked before anything else.
    BOOST_TEST(refusal([&] {
                   two_factor.enable(user(), "123456", "nope", std::nullopt, clock.now());
               }) == "wrong_password: two_factor");
}

BOOST_AUTO_TEST_CASE(a_secret_sealed_for_another_account_does_not_open_as_not_set_up) {
    const auto setup = two_factor.begin_setup(user());
    auto moved = user();
    moved.uuid = "99999999-2222-4333-8444-555555555555";
    BOOST_TEST(refusal([&] {
                   two_factor.enable(moved, code(setup.secret), kPassword, std::nullopt,
                                     clock.now());
               }) == "two_factor: not_set_up");
}

BOOST_AUTO_TEST_CASE(
    enabling_returns_recovery_codes_and_ends_every_other_session_but_the_kept_one) {
    const auto kept = world.sessions.insert(session_of(id), "h1");
    world.sessions.insert(session_of(id), "h2");
    world.sessions.insert(session_of(id), "h3");
    const auto other_user = world.make_user();
    const auto others = world.sessions.insert(session_of(other_user), "h4");

    const auto setup = two_factor.begin_setup(user());
    const auto codes = two_factor.enable(user(), code(setup.secret), kPassword, kept, clock.now());

    BOOST_TEST(codes.size() == 10u);
    for (const auto& c : codes) {
        BOOST_TEST(c.size() == 10u);
        BOOST_TEST(std::all_of(c.begin(), c.end(), [](char ch) { return std::isalnum(ch) != 0; }));
    }
    BOOST_TEST(std::set<std::string>(codes.begin(), codes.end()).size() == 10u);
    // Stored only as salted digests.
    const auto stored = world.two_factor.recovery_codes(id);
    BOOST_TEST(stored.size() == 10u);
    for (const auto& rc : stored) {
        BOOST_TEST(rc.salt.size() == 16u);
        BOOST_TEST((std::find(codes.begin(), codes.end(), rc.code_hash) == codes.end()));
    }
    BOOST_TEST(user().totp_enabled);
    BOOST_TEST((session_ids() == std::set<std::uint64_t>{kept, others}));
}

BOOST_AUTO_TEST_CASE(enabling_without_a_session_to_keep_ends_all_of_the_users_sessions) {
    world.sessions.insert(session_of(id), "h1");
    enable();
    BOOST_TEST(world.sessions.rows.empty());
}

BOOST_AUTO_TEST_CASE(the_time_step_that_enabled_two_factor_is_not_accepted_again) {
    const auto setup = two_factor.begin_setup(user());
    const auto used = code(setup.secret);
    two_factor.enable(user(), used, kPassword, std::nullopt, clock.now());
    BOOST_TEST(world.two_factor.totp.at(id).last_step.value_or(-1) ==
               crypto::totp_step(clock.now().time_since_epoch().count(), 30));

    const auto token = two_factor.start_pending(user(), "pterodactyl");
    BOOST_TEST(refusal([&] { checkpoint(token, used); }) == "two_factor: checkpoint_replayed");
    // Enabling again (new recovery codes) does not take a used step either.
    BOOST_TEST(refusal([&] {
                   two_factor.enable(user(), used, kPassword, std::nullopt, clock.now());
               }) == "two_factor: invalid_code");

    clock.advance(30s);
    const auto next = code(setup.secret);
    BOOST_TEST(checkpoint(token, next).user.id == id);
    const auto again = two_factor.start_pending(user(), "pterodactyl");
    BOOST_TEST(refusal([&] { checkpoint(again, next); }) == "two_factor: checkpoint_replayed");
}

BOOST_AUTO_TEST_CASE(enabling_again_with_a_fresh_code_replaces_the_recovery_codes) {
    std::vector<std::string> first;
    const auto secret = enable(&first);
    clock.advance(30s);
    const auto second =
        two_factor.enable(user(), code(secret), kPassword, std::nullopt, clock.now());
    BOOST_TEST(second.size() == 10u);
    BOOST_TEST(world.two_factor.recovery_codes(id).size() == 10u);
    const auto token = two_factor.start_pending(user(), "pterodactyl");
    BOOST_TEST(refusal([&] { checkpoint(token, std::nullopt, first.front()); }) ==
               "two_factor: checkpoint_recovery");
    BOOST_TEST(checkpoint(token, std::nullopt, second.front()).used_recovery_code);
}

BOOST_AUTO_TEST_CASE(disabling_needs_the_password_and_forgets_secret_codes_and_pending_sign_ins) {
    enable();
    const auto token = two_factor.start_pending(user(), "pterodactyl");
    BOOST_TEST(refusal([&] { two_factor.disable(user(), "wrong password!", clock.now()); }) ==
               "wrong_password: two_factor");
    BOOST_TEST(user().totp_enabled);
    BOOST_TEST(two_factor.pending_user(token, "pterodactyl").value_or(0) == id);

    two_factor.disable(user(), kPassword, clock.now());
    BOOST_TEST(!user().totp_enabled);
    BOOST_TEST(!world.two_factor.secret(id).has_value());
    BOOST_TEST(world.two_factor.recovery_codes(id).empty());
    BOOST_TEST(world.two_factor.pending.empty());
    BOOST_TEST(!two_factor.pending_user(token, "pterodactyl").has_value());
}

// A reload or a second tab during enrolment shows the secret already scanned (issue 8.22).
BOOST_AUTO_TEST_CASE(setup_shows_the_same_pending_secret_until_the_setup_time_is_over) {
    const auto first = two_factor.begin_setup(user());
    clock.advance(600s);
    const auto again = two_factor.begin_setup(user());
    BOOST_TEST(again.secret == first.secret);
    BOOST_TEST(again.otpauth_url == first.otpauth_url);
    clock.advance(1s);
    const auto renewed = two_factor.begin_setup(user());
    BOOST_TEST(renewed.secret != first.secret);
    BOOST_TEST(two_factor.begin_setup(user()).secret == renewed.secret);
    // Enabling with the secret shown keeps working across those calls.
    BOOST_TEST(two_factor.enable(user(), code(renewed.secret), kPassword, std::nullopt, clock.now())
                   .size() == 10u);
}

// A pending secret expires (issue 8.12): one left lying around cannot be enabled later.
BOOST_AUTO_TEST_CASE(a_pending_secret_older_than_the_setup_time_cannot_be_enabled) {
    const auto setup = two_factor.begin_setup(user());
    clock.advance(601s);
    BOOST_TEST(refusal([&] {
                   two_factor.enable(user(), code(setup.secret), kPassword, std::nullopt,
                                     clock.now());
               }) == "two_factor: setup_expired");
    BOOST_TEST(!user().totp_enabled);
    // A secret stored before set_at was recorded counts as expired too.
    const auto fresh = two_factor.begin_setup(user());
    world.two_factor.totp.at(id).secret_set_at.reset();
    BOOST_TEST(refusal([&] {
                   two_factor.enable(user(), code(fresh.secret), kPassword, std::nullopt,
                                     clock.now());
               }) == "two_factor: setup_expired");
    BOOST_TEST(two_factor.begin_setup(user()).secret != fresh.secret);
}

// Issue 8.7: a session that signed in long ago (stolen, or left open) cannot strip the second
// factor or swap the recovery codes, even with the password.
BOOST_AUTO_TEST_CASE(disabling_needs_a_sign_in_within_the_fresh_sign_in_time) {
    enable();
    const auto signed_in = clock.now();
    clock.advance(901s);
    BOOST_TEST(refusal([&] { two_factor.disable(user(), kPassword, signed_in); }) ==
               "two_factor: fresh_sign_in_needed");
    // Checked before the password: a stale session is no password oracle.
    BOOST_TEST(refusal([&] { two_factor.disable(user(), "wrong password!", signed_in); }) ==
               "two_factor: fresh_sign_in_needed");
    BOOST_TEST(user().totp_enabled);
    two_factor.disable(user(), kPassword, clock.now() - 900s);
    BOOST_TEST(!user().totp_enabled);
}

BOOST_AUTO_TEST_CASE(renewing_recovery_codes_needs_a_fresh_sign_in_but_first_enabling_does_not) {
    const auto setup = two_factor.begin_setup(user());
    const auto long_ago = clock.now() - 86400s;
    BOOST_TEST(
        two_factor.enable(user(), code(setup.secret), kPassword, std::nullopt, long_ago).size() ==
        10u);
    const auto before = world.two_factor.recovery_codes(id);
    clock.advance(30s);
    BOOST_TEST(refusal([&] {
                   two_factor.enable(user(), code(setup.secret), kPassword, std::nullopt,
                                     clock.now() - 901s);
               }) == "two_factor: fresh_sign_in_needed");
    BOOST_TEST(world.two_factor.recovery_codes(id).front().code_hash == before.front().code_hash);
    BOOST_TEST(
        two_factor.enable(user(), code(setup.secret), kPassword, std::nullopt, clock.now() - 900s)
            .size() == 10u);
}

// Issue 8.12: the sealing key rotates. A secret sealed under an older key (or before key ids)
// still works, and is sealed again under the current key when used, so the old key can go.
BOOST_AUTO_TEST_CASE(a_secret_under_an_old_key_works_and_is_resealed_under_the_current_one) {
    const auto secret = enable();
    const std::string legacy = world.two_factor.secret(id).value().sealed.substr(2);
    world.two_factor.totp.at(id).secret = legacy;  // as stored before key ids

    const std::string new_key(32, 'n');
    const crypto::SecretBox rotated({{0, std::string(32, 'b')}, {1, new_key}}, 1, random);
    services::TwoFactorService after_rotation{world.two_factor,
                                              world.sessions,
                                              hasher,
                                              rotated,
                                              random,
                                              clock,
                                              std::string(32, 't'),
                                              services::TwoFactorSettings{}};
    clock.advance(30s);
    const auto token = after_rotation.start_pending(user(), "pterodactyl");
    BOOST_TEST(
        after_rotation.checkpoint(token, "pterodactyl", code(secret), {}, world.users).user.id ==
        id);
    const auto resealed = world.two_factor.secret(id).value().sealed;
    BOOST_TEST(resealed.substr(0, 2) == std::string("\x01\x01", 2));

    // Key 0 retired: the resealed secret still signs in.
    const crypto::SecretBox retired({{1, new_key}}, 1, random);
    services::TwoFactorService without_old_key{world.two_factor,
                                               world.sessions,
                                               hasher,
                                               retired,
                                               random,
                                               clock,
                                               std::string(32, 't'),
                                               services::TwoFactorSettings{}};
    clock.advance(30s);
    const auto next = without_old_key.start_pending(user(), "pterodactyl");
    BOOST_TEST(
        without_old_key.checkpoint(next, "pterodactyl", code(secret), {}, world.users).user.id ==
        id);
}

BOOST_AUTO_TEST_CASE(a_pending_sign_in_names_its_user_until_it_expires) {
    enable();
    const auto token = two_factor.start_pending(user(), "pterodactyl");
    BOOST_TEST(token.size() == 64u);
    // Stored as a digest only.
    BOOST_REQUIRE(world.two_factor.pending.size() == 1u);
    const auto& stored = world.two_factor.pending.begin()->second;
    BOOST_TEST(stored.token_hash != token);
    BOOST_TEST((stored.login.expires_at == clock.now() + 300s));

    BOOST_TEST(two_factor.pending_user(token, "pterodactyl").value_or(0) == id);
    BOOST_TEST(!two_factor.pending_user(token + "x", "pterodactyl").has_value());
    BOOST_TEST(!two_factor.pending_user("", "pterodactyl").has_value());
    BOOST_TEST(!two_factor.pending_user(std::string(257, 'a'), "pterodactyl").has_value());
    clock.advance(299s);
    BOOST_TEST(two_factor.pending_user(token, "pterodactyl").value_or(0) == id);
    clock.advance(1s);
    BOOST_TEST(!two_factor.pending_user(token, "pterodactyl").has_value());
}

BOOST_AUTO_TEST_CASE(a_pending_sign_in_belongs_to_the_dialect_that_started_it) {
    const auto secret = enable();
    clock.advance(30s);
    const auto token = two_factor.start_pending(user(), "pterodactyl");
    BOOST_TEST(!two_factor.pending_user(token, "calagopus").has_value());
    BOOST_TEST(refusal([&] { checkpoint(token, code(secret), std::nullopt, "calagopus"); }) ==
               "two_factor: checkpoint_expired");
    // Not used up by the attempt from the wrong dialect.
    BOOST_TEST(checkpoint(token, code(secret)).user.id == id);
}

BOOST_AUTO_TEST_CASE(the_checkpoint_completes_with_the_current_totp_code_once) {
    const auto secret = enable();
    clock.advance(30s);
    const auto token = two_factor.start_pending(user(), "pterodactyl");
    const auto result = checkpoint(token, code(secret));
    BOOST_TEST(result.user.id == id);
    BOOST_TEST(result.user.username == "alice");
    BOOST_TEST(!result.used_recovery_code);
    BOOST_TEST(world.two_factor.pending.empty());
    clock.advance(30s);
    BOOST_TEST(refusal([&] { checkpoint(token, code(secret)); }) ==
               "two_factor: checkpoint_expired");
}

BOOST_AUTO_TEST_CASE(an_expired_or_unknown_confirmation_token_is_refused_as_expired) {
    const auto secret = enable();
    clock.advance(30s);
    const auto token = two_factor.start_pending(user(), "pterodactyl");
    BOOST_TEST(refusal([&] { checkpoint("", code(secret)); }) == "two_factor: checkpoint_expired");
    BOOST_TEST(refusal([&] { checkpoint(std::string(64, 'z'), code(secret)); }) ==
               "two_factor: checkpoint_expired");
    clock.advance(300s);
    BOOST_TEST(refusal([&] { checkpoint(token, code(secret)); }) ==
               "two_factor: checkpoint_expired");
}

BOOST_AUTO_TEST_CASE(the_checkpoint_refuses_an_account_suspended_or_without_two_factor_since) {
    const auto secret = enable();
    clock.advance(30s);
    const auto token = two_factor.start_pending(user(), "pterodactyl");
    world.users.rows.at(id).suspended = true;
    BOOST_TEST(refusal([&] { checkpoint(token, code(secret)); }) ==
               "two_factor: checkpoint_expired");
    world.users.rows.at(id).suspended = false;
    world.users.rows.at(id).totp_enabled = false;
    BOOST_TEST(refusal([&] { checkpoint(token, code(secret)); }) ==
               "two_factor: checkpoint_expired");
}

BOOST_AUTO_TEST_CASE(a_recovery_code_completes_the_checkpoint_once) {
    std::vector<std::string> recovery;
    const auto secret = enable(&recovery);
    const auto token = two_factor.start_pending(user(), "pterodactyl");
    // The recovery code wins over a (wrong) TOTP code given with it.
    const auto result = checkpoint(token, wrong_code(secret), recovery[3]);
    BOOST_TEST(result.user.id == id);
    BOOST_TEST(result.used_recovery_code);
    BOOST_TEST(world.two_factor.recovery_codes(id).size() == 9u);

    const auto again = two_factor.start_pending(user(), "pterodactyl");
    BOOST_TEST(refusal([&] { checkpoint(again, std::nullopt, recovery[3]); }) ==
               "two_factor: checkpoint_recovery");
    BOOST_TEST(checkpoint(again, std::nullopt, recovery[4]).used_recovery_code);
    BOOST_TEST(world.two_factor.recovery_codes(id).size() == 8u);
}

BOOST_AUTO_TEST_CASE(an_empty_recovery_code_falls_back_to_the_totp_code) {
    const auto secret = enable();
    clock.advance(30s);
    const auto token = two_factor.start_pending(user(), "pterodactyl");
    const auto result = checkpoint(token, code(secret), std::string());
    BOOST_TEST(!result.used_recovery_code);
    BOOST_TEST(result.user.id == id);
}

BOOST_AUTO_TEST_CASE(wrong_codes_are_counted_until_the_pending_sign_in_dies_at_the_maximum) {
    const auto secret = enable();
    clock.advance(30s);
    const auto token = two_factor.start_pending(user(), "pterodactyl");
    BOOST_TEST(refusal([&] { checkpoint(token, wrong_code(secret)); }) ==
               "two_factor: checkpoint_code");
    BOOST_TEST(world.two_factor.pending.begin()->second.failures == 1);
    BOOST_TEST(refusal([&] { checkpoint(token, std::nullopt, std::string("not-a-code")); }) ==
               "two_factor: checkpoint_recovery");
    BOOST_TEST(refusal([&] { checkpoint(token, std::nullopt); }) == "two_factor: checkpoint_code");
    // Three wrong answers (checkpoint_max_failures): the token is gone, even for the right code.
    BOOST_TEST(world.two_factor.pending.empty());
    BOOST_TEST(!two_factor.pending_user(token, "pterodactyl").has_value());
    BOOST_TEST(refusal([&] { checkpoint(token, code(secret)); }) ==
               "two_factor: checkpoint_expired");
}

BOOST_AUTO_TEST_CASE(a_wrong_code_below_the_maximum_can_be_corrected) {
    const auto secret = enable();
    clock.advance(30s);
    const auto token = two_factor.start_pending(user(), "pterodactyl");
    BOOST_TEST(refusal([&] { checkpoint(token, wrong_code(secret)); }) ==
               "two_factor: checkpoint_code");
    BOOST_TEST(refusal([&] { checkpoint(token, wrong_code(secret)); }) ==
               "two_factor: checkpoint_code");
    BOOST_TEST(checkpoint(token, code(secret)).user.id == id);
}

BOOST_AUTO_TEST_CASE(disabling_with_a_code_refuses_a_time_step_already_used) {
    const auto secret = enable();
    using Kind = services::DisableConfirmation::Kind;
    // The step that enabled two-factor is used: it cannot take it off again.
    BOOST_TEST(refusal([&] {
                   two_factor.disable(user(), kPassword, clock.now(), {Kind::totp, code(secret)});
               }) == "two_factor: invalid_code");
    BOOST_TEST(user().totp_enabled);
    clock.advance(30s);
    BOOST_TEST(
        refusal([&] {
            two_factor.disable(user(), "wrong password", clock.now(), {Kind::totp, code(secret)});
        }) == "wrong_password: two_factor");
    two_factor.disable(user(), kPassword, clock.now(), {Kind::totp, code(secret)});
    BOOST_TEST(!user().totp_enabled);
}

BOOST_AUTO_TEST_CASE(disabling_with_a_recovery_code_needs_an_unused_one) {
    std::vector<std::string> recovery;
    enable(&recovery);
    using Kind = services::DisableConfirmation::Kind;
    BOOST_TEST(
        refusal([&] {
            two_factor.disable(user(), kPassword, clock.now(), {Kind::recovery_code, "AAAAAAAAAA"});
        }) == "two_factor: checkpoint_recovery");
    BOOST_TEST(user().totp_enabled);
    two_factor.disable(user(), kPassword, clock.now(), {Kind::recovery_code, recovery.front()});
    BOOST_TEST(!user().totp_enabled);
    BOOST_TEST(world.two_factor.recovery_codes(id).empty());
}

BOOST_AUTO_TEST_CASE(a_pending_setup_is_there_only_until_its_setup_time_is_over) {
    BOOST_TEST(!two_factor.has_pending_setup(user()));
    (void)two_factor.begin_setup(user());
    BOOST_TEST(two_factor.has_pending_setup(user()));
    clock.advance(601s);
    BOOST_TEST(!two_factor.has_pending_setup(user()));
}

// EcliPanel's entry points: a code alone proves the factor (its frontend sends no password).
namespace {
const services::RecoveryCodeFormat kHexCodes{10, 12,
                                             services::RecoveryCodeFormat::Alphabet::lower_hex};
}  // namespace

BOOST_AUTO_TEST_CASE(enabling_with_a_code_needs_the_secret_this_account_was_given) {
    const auto setup = two_factor.begin_setup(user());
    // A secret the client chose, with a right code for it, is refused and enables nothing.
    const std::string chosen = crypto::base32_encode(std::string(20, 'z'), false);
    BOOST_TEST(refusal([&] {
                   two_factor.enable_with_code(user(), chosen, code(chosen), kHexCodes,
                                               std::nullopt, clock.now());
               }) == "two_factor: invalid_code");
    BOOST_TEST(refusal([&] {
                   two_factor.enable_with_code(user(), "", code(setup.secret), kHexCodes,
                                               std::nullopt, clock.now());
               }) == "two_factor: invalid_code");
    BOOST_TEST(refusal([&] {
                   two_factor.enable_with_code(user(), setup.secret, wrong_code(setup.secret),
                                               kHexCodes, std::nullopt, clock.now());
               }) == "two_factor: invalid_code");
    BOOST_TEST(!user().totp_enabled);
    const auto codes = two_factor.enable_with_code(user(), setup.secret, code(setup.secret),
                                                   kHexCodes, std::nullopt, clock.now());
    BOOST_TEST(user().totp_enabled);
    BOOST_REQUIRE(codes.size() == 10u);
    for (const auto& c : codes) {
        BOOST_TEST(c.size() == 12u);
        BOOST_TEST(std::all_of(c.begin(), c.end(), [](char ch) {
            return std::isdigit(static_cast<unsigned char>(ch)) || (ch >= 'a' && ch <= 'f');
        }));
    }
    // Stored hashed, and they work at the checkpoint as any recovery code does.
    for (const auto& stored : world.two_factor.recovery_codes(id)) {
        for (const auto& c : codes)
            BOOST_TEST(stored.code_hash.find(c) == std::string::npos);
    }
    const auto token = two_factor.start_pending(user(), "eclipanel");
    BOOST_TEST(checkpoint(token, std::nullopt, codes.front(), "eclipanel").used_recovery_code);
}

BOOST_AUTO_TEST_CASE(enabling_with_a_code_is_refused_without_a_live_setup_or_when_enabled) {
    BOOST_TEST(refusal([&] {
                   two_factor.enable_with_code(user(), "AAAA", "123456", kHexCodes, std::nullopt,
                                               clock.now());
               }) == "two_factor: not_set_up");
    const auto setup = two_factor.begin_setup(user());
    clock.advance(601s);
    BOOST_TEST(refusal([&] {
                   two_factor.enable_with_code(user(), setup.secret, code(setup.secret), kHexCodes,
                                               std::nullopt, clock.now());
               }) == "two_factor: setup_expired");
    const auto secret = enable();
    clock.advance(30s);
    // No renewal of the secret or the codes without the password.
    BOOST_TEST(refusal([&] {
                   two_factor.enable_with_code(user(), secret, code(secret), kHexCodes,
                                               std::nullopt, clock.now());
               }) == "two_factor: already_enabled");
}

// Without a password, only a session that signed in lately may enrol a second factor: a stolen
// old session must not put the thief's authenticator on the account and end the owner's sessions.
BOOST_AUTO_TEST_CASE(enabling_with_a_code_needs_a_fresh_sign_in) {
    const auto setup = two_factor.begin_setup(user());
    BOOST_TEST(refusal([&] {
                   two_factor.enable_with_code(user(), setup.secret, code(setup.secret), kHexCodes,
                                               std::nullopt, clock.now() - 901s);
               }) == "two_factor: fresh_sign_in_needed");
    BOOST_TEST(two_factor
                   .enable_with_code(user(), setup.secret, code(setup.secret), kHexCodes,
                                     std::nullopt, clock.now() - 60s)
                   .size() == 10u);
}

BOOST_AUTO_TEST_CASE(enabling_with_a_code_ends_every_other_session_but_the_kept_one) {
    auto kept = session_of(id);
    const auto kept_id = world.sessions.insert(kept, "hash-1");
    world.sessions.insert(session_of(id), "hash-2");
    const auto setup = two_factor.begin_setup(user());
    two_factor.enable_with_code(user(), setup.secret, code(setup.secret), kHexCodes, kept_id,
                                clock.now());
    BOOST_TEST((session_ids() == std::set<std::uint64_t>{kept_id}));
}

BOOST_AUTO_TEST_CASE(disabling_with_a_code_takes_a_fresh_code_of_the_enabled_secret_once) {
    std::vector<std::string> recovery;
    const auto secret = enable(&recovery);
    const auto pending = two_factor.start_pending(user(), "eclipanel");
    // The step that enabled is spent; a recovery code is no TOTP code.
    BOOST_TEST(refusal([&] { two_factor.disable_with_code(user(), code(secret)); }) ==
               "two_factor: invalid_code");
    BOOST_TEST(refusal([&] { two_factor.disable_with_code(user(), recovery.front()); }) ==
               "two_factor: invalid_code");
    BOOST_TEST(refusal([&] { two_factor.disable_with_code(user(), wrong_code(secret)); }) ==
               "two_factor: invalid_code");
    BOOST_TEST(user().totp_enabled);
    clock.advance(30s);
    two_factor.disable_with_code(user(), code(secret));
    BOOST_TEST(!user().totp_enabled);
    BOOST_TEST(!world.two_factor.secret(id).has_value());
    BOOST_TEST(world.two_factor.recovery_codes(id).empty());
    BOOST_TEST(!two_factor.pending_user(pending, "eclipanel").has_value());
    BOOST_TEST(refusal([&] { two_factor.disable_with_code(user(), code(secret)); }) ==
               "two_factor: not_set_up");
}

BOOST_AUTO_TEST_CASE(a_checkpoint_asking_for_every_factor_needs_each_one_given) {
    std::vector<std::string> recovery;
    const auto secret = enable(&recovery);
    clock.advance(30s);
    const auto token = two_factor.start_pending(user(), "eclipanel");
    // A right recovery code with a wrong TOTP code: refused, and the recovery code is kept.
    BOOST_TEST(refusal([&] {
                   two_factor.checkpoint(token, "eclipanel", wrong_code(secret), recovery.front(),
                                         world.users, true);
               }) == "two_factor: checkpoint_code");
    BOOST_TEST(world.two_factor.recovery_codes(id).size() == 10u);
    BOOST_TEST(refusal([&] {
                   two_factor.checkpoint(token, "eclipanel", code(secret), "not-a-code",
                                         world.users, true);
               }) == "two_factor: checkpoint_recovery");
    const auto result = two_factor.checkpoint(token, "eclipanel", code(secret), recovery.front(),
                                              world.users, true);
    BOOST_TEST(result.used_recovery_code);
    BOOST_TEST(world.two_factor.recovery_codes(id).size() == 9u);
}

BOOST_AUTO_TEST_SUITE_END()
