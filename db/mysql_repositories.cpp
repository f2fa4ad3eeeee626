#include "db/mysql_repositories.hpp"

#include "db/database.hpp"
#include "db/mysql_activity_repository.hpp"
#include "db/mysql_api_key_repository.hpp"
#include "db/mysql_housekeeping_repository.hpp"
#include "db/mysql_session_repository.hpp"
#include "db/mysql_ssh_key_repository.hpp"
#include "db/mysql_throttle_repository.hpp"
#include "db/mysql_two_factor_repository.hpp"
#include "db/mysql_user_repository.hpp"

namespace accountd::db {
namespace {

class DatabaseReadiness final : public services::Readiness {
  public:
    explicit DatabaseReadiness(Database& database) : database_(database) {}
    bool ready() override { return database_.ping(); }

  private:
    Database& database_;
};

class MysqlRepositories final : public services::Repositories {
  public:
    MysqlRepositories(std::string url, const crypto::SecretBox& personal_box)
        : database_(std::move(url), &personal_box),
          users_(database_),
          sessions_(database_),
          activity_(database_),
          ssh_keys_(database_),
          api_keys_(database_),
          throttle_(database_),
          two_factor_(database_),
          housekeeping_(database_),
          readiness_(database_) {}

    services::UserRepository& users() override { return users_; }
    services::SessionRepository& sessions() override { return sessions_; }
    services::ActivityRepository& activity() override { return activity_; }
    services::SshKeyRepository& ssh_keys() override { return ssh_keys_; }
    services::ApiKeyRepository& api_keys() override { return api_keys_; }
    services::ThrottleRepository& throttle() override { return throttle_; }
    services::TwoFactorRepository& two_factor() override { return two_factor_; }
    services::HousekeepingRepository& housekeeping() override { return housekeeping_; }
    services::Readiness& readiness() override { return readiness_; }

  private:
    Database database_;
    MysqlUserRepository users_;
    MysqlSessionRepository sessions_;
    MysqlActivityRepository activity_;
    MysqlSshKeyRepository ssh_keys_;
    MysqlApiKeyRepository api_keys_;
    MysqlThrottleRepository throttle_;
    MysqlTwoFactorRepository two_factor_;
    MysqlHousekeepingRepository housekeeping_;
    DatabaseReadiness readiness_;
};

}  // namespace

std::unique_ptr<services::Repositories> open_mysql_repositories(
    std::string url, const crypto::SecretBox& personal_box) {
    return std::make_unique<MysqlRepositories>(std::move(url), personal_box);
}

}  // namespace accountd::db
