#pragma once

#include "db/database.hpp"
#include "services/activity.hpp"

namespace accountd::db {

class MysqlActivityRepository final : public services::ActivityRepository {
  public:
    explicit MysqlActivityRepository(Database& db) : db_(db) {}

    void insert(const services::ActivityEntry& entry) override;
    services::ActivityPage list(const services::ActivityQuery& query) override;

  private:
    Database& db_;
};

}  // namespace accountd::db
