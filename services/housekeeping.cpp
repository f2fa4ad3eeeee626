#include "services/housekeeping.hpp"

namespace accountd::services {

std::optional<HousekeepingReport> Housekeeping::run_if_due() {
    const Timestamp now = clock_.now();
    if (last_run_ && now - *last_run_ < settings_.interval) return std::nullopt;
    // Marked first: a failing database is not retried on every request.
    last_run_ = now;
    // A short batch means nothing more is due; a full one may leave more behind.
    const auto drain = [this](const auto& delete_batch) {
        std::size_t total = 0;
        for (std::size_t i = 0; i < settings_.max_batches; ++i) {
            const std::size_t deleted = delete_batch(settings_.batch);
            total += deleted;
            if (deleted < settings_.batch) break;
        }
        return total;
    };
    HousekeepingReport report;
    report.sessions =
        drain([&](std::size_t n) { return repository_.delete_expired_sessions(now, n); });
    report.pending_logins =
        drain([&](std::size_t n) { return repository_.delete_expired_pending_logins(now, n); });
    report.throttle_windows =
        drain([&](std::size_t n) { return repository_.delete_ended_throttle_windows(now, n); });
    if (settings_.activity_retention_days > 0) {
        const auto cutoff = now - std::chrono::hours(24) * settings_.activity_retention_days;
        report.activity =
            drain([&](std::size_t n) { return repository_.delete_activity_before(cutoff, n); });
    }
    return report;
}

}  // namespace accountd::services
