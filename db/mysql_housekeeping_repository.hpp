#pragma once

#include "db/database.hpp"
#include "services/housekeeping.hpp"

namespace accountd::db {

/// Each delete finds its rows through an index on their time column (see schema/) and stops
/// at the limit.
class MysqlHousekeepingRepository final : public services::HousekeepingRepository {
  public:
    explicit MysqlHousekeepingRepository(Database& db) : db_(db) {}

    std::size_t delete_expired_sessions(services::Timestamp now, std::size_t limit) override;
    std::size_t delete_expired_pending_logins(services::Timestamp now, std::size_t limit) override;
    std::size_t delete_ended_throttle_windows(services::Timestamp now, std::size_t limit) override;
    std::size_t delete_activity_before(services::Timestamp cutoff, std::size_t limit) override;

  private:
    Database& db_;
};

}  // namespace accountd::db
