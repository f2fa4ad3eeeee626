#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <functional>
#include <stdexcept>

#include "service_error_text.hpp"
#include "services/password_confirmation.hpp"
#include "support/in_memory_repositories.hpp"
#include "test_support.hpp"

using namespace accountd;
using namespace std::chrono_literals;
using services::PasswordPurpose;
using services::ServiceError;
using testing::refusal;

namespace {

const std::string kIp = "192.0.2.1";

struct Fixture {
    testing::ManualClock clock;
    testing::InMemoryThrottle buckets;
    // Five per address and account in 60 s, a hundred per account, thirty per address.
    services::LoginThrottle throttle{buckets, clock, services::LoginLimits{}};
    int null_fd = ::open("/dev/null", O_WRONLY);
    server::Logger log{server::LogLevel::debug, null_fd};
    services::PasswordConfirmation confirmation{throttle, log};
    int changes = 0;

    ~Fixture() { ::close(null_fd); }

    /// Runs a change for user 7 from `ip` that ends with `outcome`.
    std::string run(const std::function<void()>& outcome, const std::string& ip = kIp,
                    std::uint64_t user = 7) {
        return refusal([&] {
            confirmation.run(user, ip, [&] {
                ++changes;
                outcome();
            });
        });
    }
    static void wrong_password() {
        throw ServiceError::wrong_password(PasswordPurpose::account_change);
    }
    static void succeeds() {}
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(password_confirmation, Fixture)

BOOST_AUTO_TEST_CASE(a_wrong_password_stays_counted_until_the_limit_refuses_without_running) {
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(run(wrong_password) == "wrong_password: account_change");
    BOOST_TEST(changes == 5);
    BOOST_TEST(run(succeeds) == "throttled: 60");
    BOOST_TEST(changes == 5);
    clock.advance(50s);
    BOOST_TEST(run(succeeds) == "throttled: 10");
    BOOST_TEST(changes == 5);
    clock.advance(10s);
    BOOST_TEST(run(succeeds) == "no error");
    BOOST_TEST(changes == 6);
}

BOOST_AUTO_TEST_CASE(the_wrong_password_keeps_its_purpose_when_rethrown) {
    BOOST_TEST(run([] { throw ServiceError::wrong_password(PasswordPurpose::two_factor); }) ==
               "wrong_password: two_factor");
}

BOOST_AUTO_TEST_CASE(a_successful_change_gives_its_claim_back) {
    // Far more than any limit (five per address and account, thirty per address).
    for (int i = 0; i < 40; ++i)
        BOOST_TEST(run(succeeds) == "no error");
    BOOST_TEST(changes == 40);
}

BOOST_AUTO_TEST_CASE(other_refusals_and_errors_give_the_claim_back_and_are_rethrown) {
    for (int i = 0; i < 40; ++i) {
        BOOST_TEST(run([] { throw ServiceError::invalid("email", services::Rule::unique); }) ==
                   "invalid_fields: email unique");
    }
    for (int i = 0; i < 40; ++i) {
        BOOST_CHECK_THROW(confirmation.run(7, kIp, [] { throw std::runtime_error("storage"); }),
                          std::runtime_error);
    }
    BOOST_TEST(changes == 40);
    BOOST_TEST(run(wrong_password) == "wrong_password: account_change");
}

BOOST_AUTO_TEST_CASE(the_count_is_per_account_and_address) {
    for (int i = 0; i < 5; ++i)
        run(wrong_password);
    BOOST_TEST(run(succeeds) == "throttled: 60");
    BOOST_TEST(run(succeeds, kIp, 8) == "no error");
    BOOST_TEST(run(succeeds, "192.0.2.2", 7) == "no error");
}

BOOST_AUTO_TEST_CASE(confirmations_do_not_use_up_the_sign_in_count_of_the_account) {
    for (int i = 0; i < 5; ++i)
        run(wrong_password);
    const auto sign_in_names = services::LoginThrottle::for_sign_in(7, "alice");
    BOOST_TEST(!throttle.claim(kIp, sign_in_names).has_value());
}

BOOST_AUTO_TEST_CASE(a_wrong_code_confirming_a_change_stays_counted_apart_from_passwords) {
    const auto with_code = [&](const std::function<void()>& outcome) {
        return refusal([&] {
            confirmation.run_with_code(7, kIp, [&] {
                ++changes;
                outcome();
            });
        });
    };
    const auto wrong_code = [] {
        throw ServiceError::two_factor(services::TwoFactorFailure::invalid_code);
    };
    const auto not_set_up = [] {
        throw ServiceError::two_factor(services::TwoFactorFailure::not_set_up);
    };
    // A refusal that is no guess (nothing set up) is given back.
    for (int i = 0; i < 10; ++i)
        BOOST_TEST(with_code(not_set_up) == "two_factor: not_set_up");
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(with_code(wrong_code) == "two_factor: invalid_code");
    BOOST_TEST(changes == 15);
    BOOST_TEST(with_code(succeeds) == "throttled: 60");
    BOOST_TEST(changes == 15);
    // The password confirmations of the account keep their own count.
    BOOST_TEST(run(succeeds) == "no error");
}

BOOST_AUTO_TEST_SUITE_END()
