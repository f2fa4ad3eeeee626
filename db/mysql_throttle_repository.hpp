#pragma once

#include "db/database.hpp"
#include "services/throttle.hpp"

namespace accountd::db {

class MysqlThrottleRepository final : public services::ThrottleRepository {
  public:
    explicit MysqlThrottleRepository(Database& db) : db_(db) {}

    services::ThrottleWindow hit(const std::string& bucket, int window_seconds,
                                 services::Timestamp now) override;
    void release(const std::string& bucket, services::Timestamp now) override;
    bool running(const std::string& bucket, services::Timestamp now) override;
    void clear(const std::string& bucket) override;

  private:
    Database& db_;
};

}  // namespace accountd::db
