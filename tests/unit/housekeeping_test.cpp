#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <vector>

#include "services/housekeeping.hpp"
#include "test_support.hpp"

using namespace accountd;
using namespace std::chrono_literals;

namespace {

class RecordingRepository final : public services::HousekeepingRepository {
  public:
    std::vector<std::string> calls;
    services::Timestamp activity_cutoff{};
    std::size_t delete_expired_sessions(services::Timestamp, std::size_t) override {
        calls.emplace_back("sessions");
        return 2;
    }
    std::size_t delete_expired_pending_logins(services::Timestamp, std::size_t) override {
        calls.emplace_back("pending");
        return 0;
    }
    std::size_t delete_ended_throttle_windows(services::Timestamp, std::size_t) override {
        calls.emplace_back("throttle");
        return 1;
    }
    std::size_t delete_activity_before(services::Timestamp cutoff, std::size_t) override {
        calls.emplace_back("activity");
        activity_cutoff = cutoff;
        return 3;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(housekeeping)

BOOST_AUTO_TEST_CASE(it_runs_at_once_then_once_per_interval) {
    testing::ManualClock clock;
    RecordingRepository repository;
    services::Housekeeping keeper(repository, clock, services::HousekeepingSettings{90, 300s});
    const auto first = keeper.run_if_due();
    BOOST_REQUIRE(first.has_value());
    BOOST_TEST(first->sessions == 2u);
    BOOST_TEST(first->throttle_windows == 1u);
    BOOST_TEST(first->activity == 3u);
    BOOST_TEST((repository.activity_cutoff == clock.now() - 90 * 24h));
    clock.advance(299s);
    BOOST_TEST(!keeper.run_if_due().has_value());
    clock.advance(1s);
    BOOST_TEST(keeper.run_if_due().has_value());
    BOOST_TEST(repository.calls.size() == 8u);
}

BOOST_AUTO_TEST_CASE(a_retention_of_zero_keeps_activity_forever) {
    testing::ManualClock clock;
    RecordingRepository repository;
    services::Housekeeping keeper(repository, clock, services::HousekeepingSettings{0, 300s});
    BOOST_TEST(keeper.run_if_due()->activity == 0u);
    BOOST_TEST((repository.calls == std::vector<std::string>{"sessions", "pending", "throttle"}));
}

BOOST_AUTO_TEST_CASE(a_failed_run_is_not_retried_before_the_interval) {
    class Failing final : public services::HousekeepingRepository {
      public:
        int attempts = 0;
        std::size_t delete_expired_sessions(services::Timestamp, std::size_t) override {
            ++attempts;
            throw std::runtime_error("database down");
        }
        std::size_t delete_expired_pending_logins(services::Timestamp, std::size_t) override {
            return 0;
        }
        std::size_t delete_ended_throttle_windows(services::Timestamp, std::size_t) override {
            return 0;
        }
        std::size_t delete_activity_before(services::Timestamp, std::size_t) override { return 0; }
    } failing;
    testing::ManualClock clock;
    services::Housekeeping keeper(failing, clock, services::HousekeepingSettings{});
    BOOST_CHECK_THROW(keeper.run_if_due(), std::runtime_error);
    BOOST_TEST(!keeper.run_if_due().has_value());
    BOOST_TEST(failing.attempts == 1);
}

BOOST_AUTO_TEST_CASE(a_run_repeats_full_batches_until_one_comes_back_short_or_the_cap) {
    // 2500 ended throttle windows piled up; batches of 1000.
    class Backlog final : public services::HousekeepingRepository {
      public:
        std::size_t left = 2500;
        int batches = 0;
        std::size_t delete_expired_sessions(services::Timestamp, std::size_t) override { return 0; }
        std::size_t delete_expired_pending_logins(services::Timestamp, std::size_t) override {
            return 0;
        }
        std::size_t delete_ended_throttle_windows(services::Timestamp, std::size_t limit) override {
            ++batches;
            const std::size_t n = std::min(limit, left);
            left -= n;
            return n;
        }
        std::size_t delete_activity_before(services::Timestamp, std::size_t) override { return 0; }
    };
    testing::ManualClock clock;
    Backlog all;
    services::Housekeeping keeper(all, clock, services::HousekeepingSettings{90, 300s, 1000, 100});
    BOOST_TEST(keeper.run_if_due()->throttle_windows == 2500u);
    BOOST_TEST(all.batches == 3);
    Backlog capped;
    services::Housekeeping careful(capped, clock,
                                   services::HousekeepingSettings{90, 300s, 1000, 2});
    BOOST_TEST(careful.run_if_due()->throttle_windows == 2000u);
    BOOST_TEST(capped.left == 500u);  // the next run takes the rest
}

BOOST_AUTO_TEST_SUITE_END()
