#pragma once
// Deletes rows nothing will read again: sessions and pending sign-ins past their expiry, ended
// throttle windows, and activity older than the retention. Workers run it between requests, at
// most once per interval each, so no timer unit or cron job is needed. Each delete is a bounded
// batch, and a run repeats a kind's batch while it comes back full, up to max_batches: a run
// clears what piled up since the last one (in the worst case, every request adding rows), and a
// backlog beyond that is worked off over several runs instead of stalling one.

#include <chrono>
#include <cstddef>
#include <optional>

#include "services/clock.hpp"

namespace accountd::services {

class HousekeepingRepository {
  public:
    virtual ~HousekeepingRepository() = default;
    /// Each deletes at most `limit` rows and returns how many it deleted.
    virtual std::size_t delete_expired_sessions(Timestamp now, std::size_t limit) = 0;
    virtual std::size_t delete_expired_pending_logins(Timestamp now, std::size_t limit) = 0;
    virtual std::size_t delete_ended_throttle_windows(Timestamp now, std::size_t limit) = 0;
    virtual std::size_t delete_activity_before(Timestamp cutoff, std::size_t limit) = 0;
};

struct HousekeepingSettings {
    int activity_retention_days = 90;  ///< 0 keeps activity forever
    std::chrono::seconds interval{300};
    std::size_t batch = 1000;
    std::size_t max_batches = 100;  ///< per kind and run
};

struct HousekeepingReport {
    std::size_t sessions = 0, pending_logins = 0, throttle_windows = 0, activity = 0;
};

class Housekeeping {
  public:
    Housekeeping(HousekeepingRepository& repository, const Clock& clock,
                 HousekeepingSettings settings)
        : repository_(repository), clock_(clock), settings_(settings) {}

    /// Runs when the interval has passed since the last run of this instance (the first call
    /// always runs); nullopt when it was not due.
    std::optional<HousekeepingReport> run_if_due();

  private:
    HousekeepingRepository& repository_;
    const Clock& clock_;
    HousekeepingSettings settings_;
    std::optional<Timestamp> last_run_;
};

}  // namespace accountd::services
