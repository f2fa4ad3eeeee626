#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "service_error_text.hpp"
#include "services/sign_in_service.hpp"
#include "support/in_memory_world.hpp"
#include "test_support.hpp"

using namespace accountd;
using namespace std::chrono_literals;
using Status = services::SignInOutcome::Status;
using testing::refusal;

namespace {

const std::string kPassword = "correct horse battery";
const std::string kIp = "192.0.2.1";

struct Fixture {
    testing::ManualClock clock;
    testing::CountingRandom random;
    testing::InMemoryWorld world;
    int null_fd = ::open("/dev/null", O_WRONLY);
    server::Logger log{server::LogLevel::debug, null_fd};
    crypto::PasswordHasher hasher{crypto::Argon2Params{8192, 1, 1}, "pepper", random};
    crypto::SecretBox box{std::string(32, 'b'), random};
    services::AuthService auth{world.users, hasher, clock};
    services::LoginThrottle throttle{world.throttle, clock, services::LoginLimits{}};
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
            .issuer = "accountd",
            .pending_login_seconds = 300,
            .recovery_code_count = 10,
            .recovery_code_length = 10,
            .checkpoint_max_failures = 3,
        }};
    services::SessionService sessions{world.sessions, clock, random, std::string(32, 'k'),
                                      services::SessionPolicy{}};
    services::ActivityService activity{world.activity, clock};
    services::SignInService sign_in{auth,     throttle,    two_factor, sessions,
                                    activity, world.users, log};
    const services::TokenMinter mint = [](const services::Session&, crypto::RandomSource& r) {
        return crypto::to_hex(r.bytes(32));
    };
    const services::SignInClient client{kIp, "test agent", "pterodactyl"};
    std::uint64_t id = 0;

    Fixture() {
        services::User u;
        u.uuid = "11111111-2222-4333-8444-555555555555";
        u.username = "alice";
        u.email = "alice@example.com";
        u.password_hash = hasher.hash(kPassword);
        id = world.users.insert(u);
    }
    ~Fixture() { ::close(null_fd); }

    services::User user() const { return world.users.rows.at(id); }

    services::SignInOutcome password(const std::string& who, const std::string& secret,
                                     bool offer_checkpoint = true) {
        return sign_in.with_password({who, secret, services::LoginIdentifier::username_or_email},
                                     client, mint, offer_checkpoint);
    }
    services::SignInOutcome second(const std::string& token, std::optional<std::string> totp_code,
                                   std::optional<std::string> recovery = std::nullopt) {
        return sign_in.with_second_factor(token, {std::move(totp_code), std::move(recovery)},
                                          client, mint);
    }

    /// Enables two-factor for alice; returns the Base32 secret and fills `recovery`.
    std::string enable_two_factor(std::vector<std::string>* recovery = nullptr) {
        const auto setup = two_factor.begin_setup(user());
        auto codes =
            two_factor.enable(user(), code(setup.secret), kPassword, std::nullopt, clock.now());
        if (recovery) *recovery = std::move(codes);
        clock.advance(30s);  // the enabling step is used up
        return setup.secret;
    }
    std::string code(const std::string& secret) const {
        const auto step = crypto::totp_step(clock.now().time_since_epoch().count(), 30);
        return crypto::hotp(*crypto::base32_decode(secret), static_cast<std::uint64_t>(step), 6);
    }

    /// The recorded events, oldest first.
    std::vector<std::string> events() const {
        std::vector<std::string> out;
        for (const auto& [eid, e] : world.activity.rows)
            out.push_back(e.event);
        return out;
    }
    const services::ActivityEntry& last_entry() const {
        return world.activity.rows.rbegin()->second;
    }
    nlohmann::json last_properties() const {
        return nlohmann::json::parse(last_entry().properties_json);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(sign_in_service, Fixture)

BOOST_AUTO_TEST_CASE(a_right_password_starts_a_session_and_records_auth_success) {
    const auto outcome = password("alice", kPassword);
    BOOST_TEST((outcome.status == Status::completed));
    BOOST_TEST(outcome.user.id == id);
    BOOST_TEST(outcome.session.token.size() == 64u);
    BOOST_TEST(outcome.confirmation_token.empty());
    BOOST_REQUIRE(world.sessions.rows.size() == 1u);
    const auto& session = world.sessions.rows.begin()->second.first;
    BOOST_TEST(session.user_id == id);
    BOOST_TEST(session.dialect == "pterodactyl");
    BOOST_TEST(session.ip == kIp);
    BOOST_TEST(session.user_agent == "test agent");
    BOOST_TEST(sessions.resume(outcome.session.token, kIp).has_value());

    BOOST_TEST(events() == std::vector<std::string>{"auth:success"});
    BOOST_TEST(last_entry().actor_id.value_or(0) == id);
    BOOST_TEST(last_entry().subject_user_id.value_or(0) == id);
    BOOST_TEST(last_entry().ip == kIp);
    BOOST_TEST(last_properties() == (nlohmann::json{{"ip", kIp},
                                                    {"useragent", "test agent"},
                                                    {"using", "password"},
                                                    {"user_agent", "test agent"}}));
}

BOOST_AUTO_TEST_CASE(the_email_address_signs_in_too) {
    BOOST_TEST((password("Alice@Example.com", kPassword).status == Status::completed));
}

BOOST_AUTO_TEST_CASE(a_long_user_agent_is_cut_to_255_bytes) {
    const services::SignInClient long_agent{kIp, std::string(300, 'u'), "pterodactyl"};
    sign_in.with_password({"alice", kPassword, services::LoginIdentifier::username_or_email},
                          long_agent, mint, true);
    BOOST_TEST(world.sessions.rows.begin()->second.first.user_agent == std::string(255, 'u'));
    BOOST_TEST(last_properties()["useragent"] == std::string(255, 'u'));
}

BOOST_AUTO_TEST_CASE(a_wrong_password_is_refused_and_recorded_against_the_account) {
    BOOST_TEST(refusal([&] { password("alice", "wrong password!"); }) == "invalid_credentials");
    BOOST_TEST(world.sessions.rows.empty());
    BOOST_TEST(events() == std::vector<std::string>{"auth:fail"});
    BOOST_TEST(!last_entry().actor_id.has_value());
    BOOST_TEST(last_entry().subject_user_id.value_or(0) == id);
    BOOST_TEST(last_properties() ==
               (nlohmann::json{{"ip", kIp}, {"useragent", "test agent"}, {"username", "alice"}}));

    BOOST_TEST(refusal([&] { password("alice@example.com", "wrong password!"); }) ==
               "invalid_credentials");
    BOOST_TEST(last_properties()["email"] == "alice@example.com");
}

BOOST_AUTO_TEST_CASE(an_unknown_user_gets_the_same_answer_and_leaves_no_activity_row) {
    // A row no account owns is read by no one; made-up names must not fill the table.
    BOOST_TEST(refusal([&] { password("nobody", kPassword); }) == "invalid_credentials");
    BOOST_TEST(events().empty());
}

BOOST_AUTO_TEST_CASE(a_suspended_account_gets_the_same_answer) {
    world.users.rows.at(id).suspended = true;
    BOOST_TEST(refusal([&] { password("alice", kPassword); }) == "invalid_credentials");
    BOOST_TEST(world.sessions.rows.empty());
    BOOST_TEST(last_entry().subject_user_id.value_or(0) == id);
}

BOOST_AUTO_TEST_CASE(after_five_failures_even_the_right_password_is_throttled_for_the_window) {
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(refusal([&] { password("alice", "wrong password!"); }) == "invalid_credentials");
    BOOST_TEST(refusal([&] { password("alice", kPassword); }) == "throttled: 60");
    clock.advance(45s);
    BOOST_TEST(refusal([&] { password("alice", kPassword); }) == "throttled: 15");
    // Refused attempts are not recorded as failures.
    BOOST_TEST(events().size() == 5u);
    BOOST_TEST(world.sessions.rows.empty());
    clock.advance(15s);
    BOOST_TEST((password("alice", kPassword).status == Status::completed));
}

BOOST_AUTO_TEST_CASE(a_two_factor_account_gets_a_confirmation_token_when_the_dialect_offers_one) {
    enable_two_factor();
    const auto outcome = password("alice", kPassword, true);
    BOOST_TEST((outcome.status == Status::second_factor_needed));
    BOOST_TEST(outcome.user.id == id);
    BOOST_TEST(outcome.confirmation_token.size() == 64u);
    BOOST_TEST(outcome.session.token.empty());
    BOOST_TEST(world.sessions.rows.empty());
    BOOST_TEST(two_factor.pending_user(outcome.confirmation_token, "pterodactyl").value_or(0) ==
               id);
    BOOST_TEST(events() == std::vector<std::string>{"auth:checkpoint"});
    BOOST_TEST(!last_entry().actor_id.has_value());
    BOOST_TEST(last_entry().subject_user_id.value_or(0) == id);
}

BOOST_AUTO_TEST_CASE(a_two_factor_account_is_refused_where_no_checkpoint_is_offered) {
    enable_two_factor();
    BOOST_TEST(refusal([&] { password("alice", kPassword, false); }) == "invalid_credentials");
    BOOST_TEST(world.two_factor.pending.empty());
    BOOST_TEST(world.sessions.rows.empty());
    BOOST_TEST(events() == std::vector<std::string>{"auth:fail"});
    BOOST_TEST(last_entry().subject_user_id.value_or(0) == id);
    // A wrong password is refused the same way when a checkpoint is offered.
    BOOST_TEST(refusal([&] { password("alice", "wrong password!", true); }) ==
               "invalid_credentials");
    BOOST_TEST(world.two_factor.pending.empty());
}

BOOST_AUTO_TEST_CASE(the_second_factor_with_a_totp_code_completes_the_sign_in) {
    const auto secret = enable_two_factor();
    const auto token = password("alice", kPassword).confirmation_token;
    const auto outcome = second(token, code(secret));
    BOOST_TEST((outcome.status == Status::completed));
    BOOST_TEST(outcome.user.id == id);
    BOOST_TEST(sessions.resume(outcome.session.token, kIp).has_value());
    BOOST_TEST(events() ==
               (std::vector<std::string>{"auth:checkpoint", "auth:token", "auth:success"}));
    BOOST_TEST(last_properties()["using"] == "two-factor");
    BOOST_TEST(nlohmann::json::parse(
                   world.activity.rows.begin()->second.properties_json)["using"] == "password");
    BOOST_TEST(world.two_factor.pending.empty());
}

BOOST_AUTO_TEST_CASE(the_second_factor_with_a_recovery_code_is_recorded_as_a_recovery_token) {
    std::vector<std::string> recovery;
    enable_two_factor(&recovery);
    const auto token = password("alice", kPassword).confirmation_token;
    const auto outcome = second(token, std::nullopt, recovery.front());
    BOOST_TEST((outcome.status == Status::completed));
    BOOST_TEST(events() == (std::vector<std::string>{"auth:checkpoint", "auth:recovery-token",
                                                     "auth:success"}));
    BOOST_TEST(last_properties()["using"] == "recovery-code");
    const auto& entry = world.activity.rows.at(2);
    BOOST_TEST(entry.actor_id.value_or(0) == id);
    BOOST_TEST(entry.subject_user_id.value_or(0) == id);
    BOOST_TEST(world.two_factor.recovery_codes(id).size() == 9u);
}

BOOST_AUTO_TEST_CASE(a_wrong_code_is_refused_and_recorded_as_a_failure_of_the_account) {
    const auto secret = enable_two_factor();
    const auto token = password("alice", kPassword).confirmation_token;
    const auto right = code(secret);
    const std::string wrong = right == "000000" ? "111111" : "000000";
    BOOST_TEST(refusal([&] { second(token, wrong); }) == "two_factor: checkpoint_code");
    BOOST_TEST(events() == (std::vector<std::string>{"auth:checkpoint", "auth:fail"}));
    BOOST_TEST(!last_entry().actor_id.has_value());
    BOOST_TEST(last_entry().subject_user_id.value_or(0) == id);
    BOOST_TEST(last_properties() ==
               (nlohmann::json{{"ip", kIp}, {"useragent", "test agent"}, {"username", nullptr}}));
    BOOST_TEST(world.sessions.rows.empty());
    // Still correctable with the right code.
    BOOST_TEST((second(token, right).status == Status::completed));
}

BOOST_AUTO_TEST_CASE(an_expired_confirmation_token_is_refused_without_naming_an_account) {
    const auto secret = enable_two_factor();
    const auto token = password("alice", kPassword).confirmation_token;
    clock.advance(300s);
    BOOST_TEST(refusal([&] { second(token, code(secret)); }) == "two_factor: checkpoint_expired");
    BOOST_TEST(events() == std::vector<std::string>{"auth:checkpoint"});
    BOOST_TEST(world.sessions.rows.empty());
}

BOOST_AUTO_TEST_CASE(every_failed_sign_in_is_padded_to_one_floor_whatever_the_stored_hash) {
    // The pacer stands still, so each failure asks to sleep until exactly start + floor; a
    // failure that skipped the padding, or measured from elsewhere, would show here.
    testing::RecordingPacer pacer;
    services::SignInService padded{
        auth,     throttle,    two_factor, sessions,
        activity, world.users, log,        services::FailurePadding{&pacer, 150ms}};
    const auto add = [&](const std::string& name, const std::string& hash) {
        services::User u = user();
        u.username = name;
        u.email = name + "@example.com";
        u.password_hash = hash;
        world.users.insert(u);
    };
    // Imported from Pterodactyl (bcrypt cost 10) and from a panel with argon2id m=64 MiB, t=4.
    add("bcrypt", "$2y$10$3oevusaSKaasLycjoWxio.hCG74czenTkCP64yf4oLGpjJ9vm7GhO");
    add("argon",
        "$argon2id$v=19$m=65536,t=4,p=1$SUdVTWdzLzBLMFM5S093Sw$"
        "EuPHdJ/cKPDcN2SpOONRiFPUkDOZHUymMYJ/NF7+lR4");
    const auto fail = [&](const std::string& who) {
        return refusal([&] {
            padded.with_password(
                {who, "wrong password!", services::LoginIdentifier::username_or_email}, client,
                mint, true);
        });
    };
    for (const std::string who : {"alice", "bcrypt", "argon", "nobody"}) {
        BOOST_TEST_INFO("account " << who);
        BOOST_TEST(fail(who) == "invalid_credentials");
    }
    world.users.rows.at(id).suspended = true;
    BOOST_TEST(refusal([&] {
                   padded.with_password(
                       {"alice", kPassword, services::LoginIdentifier::username_or_email}, client,
                       mint, true);
               }) == "invalid_credentials");
    BOOST_TEST(pacer.sleeps.size() == 5u);
    BOOST_TEST(std::all_of(pacer.sleeps.begin(), pacer.sleeps.end(),
                           [&](services::Instant at) { return at == pacer.start + 150ms; }));
    // A success is not padded: its time tells nothing a caller with the password lacks.
    world.users.rows.at(id).suspended = false;
    padded.with_password({"alice", kPassword, services::LoginIdentifier::username_or_email}, client,
                         mint, true);
    BOOST_TEST(pacer.sleeps.size() == 5u);
}

BOOST_AUTO_TEST_CASE(a_sign_in_with_no_free_hash_slot_is_answered_busy_and_not_counted) {
    testing::RefusingGate gate;
    crypto::PasswordHasher gated{crypto::Argon2Params{8192, 1, 1}, "pepper", random, &gate};
    services::AuthService busy_auth{world.users, gated, clock};
    services::SignInService busy{busy_auth, throttle,    two_factor, sessions,
                                 activity,  world.users, log};
    for (int i = 0; i < 10; ++i) {
        BOOST_TEST(refusal([&] {
                       busy.with_password({"alice", "wrong password!",
                                           services::LoginIdentifier::username_or_email},
                                          client, mint, true);
                   }) == "busy: 1");
    }
    BOOST_TEST(gate.refused == 10);
    BOOST_TEST(events().empty());
    // Ten refusals past the five-a-minute limit, yet the owner still signs in.
    BOOST_TEST((password("alice", kPassword).status == Status::completed));
}

BOOST_AUTO_TEST_CASE(a_failed_sign_in_keeps_its_hash_slot_through_the_padding) {
    // Otherwise a flood of wrong passwords would tie up every worker in padding while the
    // ceiling only counted the hashes.
    testing::CountingGate gate;
    crypto::PasswordHasher gated{crypto::Argon2Params{8192, 1, 1}, "pepper", random, &gate};
    services::AuthService gated_auth{world.users, gated, clock};
    class WatchingPacer final : public services::Pacer {
      public:
        explicit WatchingPacer(const testing::CountingGate& watched) : watched_(watched) {}
        services::Instant now() const override { return {}; }
        void sleep_until(services::Instant) const override {
            held_while_sleeping = watched_.entered - watched_.left;
        }
        mutable int held_while_sleeping = -1;

      private:
        const testing::CountingGate& watched_;
    } pacer{gate};
    services::SignInService padded{
        gated_auth, throttle,    two_factor, sessions,
        activity,   world.users, log,        services::FailurePadding{&pacer, 150ms}};
    BOOST_TEST(refusal([&] {
                   padded.with_password(
                       {"alice", "wrong password!", services::LoginIdentifier::username_or_email},
                       client, mint, true);
               }) == "invalid_credentials");
    BOOST_TEST(pacer.held_while_sleeping == 1);
    BOOST_TEST(gate.entered == 1);  // the verification ran in the sign-in's slot
    BOOST_TEST(gate.left == 1);
}

BOOST_AUTO_TEST_SUITE_END()
