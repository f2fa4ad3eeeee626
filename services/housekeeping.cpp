#include "services/housekeeping.hpp"

namespace accountd::services {

std::optional<HousekeepingReport> Housekeeping::run_if_due() {
    const Timestamp now = clock_.now();
    if (last_run_ && now - *last_run_ < settings_.interval) return std::nullopt;
    // Marked first: a failing database is not retried on every request.
    last_run_ = now;
    HousekeepingReport report;
    report.sessions = repository_.delete_expired_sessions(now, settings_.batch);
    report.pending_logins = repository_.delete_expired_pending_logins(now, settings_.batch);
    report.throttle_windows = repository_.delete_ended_throttle_windows(now, settings_.batch);
    if (settings_.activity_retention_days > 0) {
        const auto cutoff = now - std::chrono::hours(24) * settings_.activity_retention_days;
        report.activity = repository_.delete_activity_before(cutoff, settings_.batch);
    }
    return report;
}

}  // namespace accountd::services
