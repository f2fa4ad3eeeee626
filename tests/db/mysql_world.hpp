#pragma once
// The MySQL backend of the repository contract suites (tests/contract/): every db/ repository on
// one connection to a clean, fully migrated schema. tests/support/in_memory_world.hpp has the
// same members.

#include "db/mysql_activity_repository.hpp"
#include "db/mysql_api_key_repository.hpp"
#include "db/mysql_housekeeping_repository.hpp"
#include "db/mysql_session_repository.hpp"
#include "db/mysql_ssh_key_repository.hpp"
#include "db/mysql_throttle_repository.hpp"
#include "db/mysql_two_factor_repository.hpp"
#include "db/mysql_user_repository.hpp"
#include "db_fixture.hpp"

namespace accountd::testing {

struct MysqlWorld : DbFixture {
    db::MysqlUserRepository users{database};
    db::MysqlSessionRepository sessions{database};
    db::MysqlApiKeyRepository api_keys{database};
    db::MysqlSshKeyRepository ssh_keys{database};
    db::MysqlTwoFactorRepository two_factor{database};
    db::MysqlActivityRepository activity{database};
    db::MysqlThrottleRepository throttle{database};
    db::MysqlHousekeepingRepository housekeeping{database};
    // make_user and unique come from DbFixture.
};

}  // namespace accountd::testing
