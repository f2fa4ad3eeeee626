#pragma once
// A clean, fully migrated schema in the MariaDB database named by ACCOUNTD_TEST_DB_URL
// (scripts/test.sh creates it). Nothing here is mocked: these tests run real SQL.

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include "crypto/random.hpp"
#include "crypto/secret_box.hpp"
#include "db/database.hpp"
#include "db/migration.hpp"
#include "db/mysql_user_repository.hpp"

namespace accountd::testing {

inline std::string require_env(const char* name) {
    const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe)
    if (value == nullptr || *value == '\0') {
        BOOST_FAIL(std::string(name) + " is not set: run these tests through scripts/test.sh");
    }
    return value;
}

inline void drop_all_tables(db::Database& database) {
    std::vector<std::string> tables(100);
    database.sql()
        << "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
        soci::into(tables);
    database.sql() << "SET FOREIGN_KEY_CHECKS = 0";
    for (const auto& table : tables)
        database.sql() << "DROP TABLE IF EXISTS `" + table + "`";
    database.sql() << "SET FOREIGN_KEY_CHECKS = 1";
}

struct DbFixture {
    crypto::OsRandom random;
    /// Seals the users' personal fields, as in production (every user query opens them).
    crypto::SecretBox personal_box{std::string(32, 'p'), random};
    db::Database database{require_env("ACCOUNTD_TEST_DB_URL"), &personal_box};

    DbFixture() {
        drop_all_tables(database);
        db::Migrator(database, db::embedded_migrations()).migrate();
    }

    /// Stores a user with a unique name (as the owner of sessions, keys, activity) and returns
    /// its id.
    std::uint64_t make_user(const std::string& prefix = "u") {
        services::User u;
        u.uuid = crypto::random_uuid_v4(random);
        u.username = unique(prefix);
        u.email = u.username + "@example.com";
        u.created_at = services::Timestamp(std::chrono::seconds(1'700'000'000));
        u.updated_at = u.created_at;
        return db::MysqlUserRepository(database).insert(u);
    }

    /// A lowercase name no other test uses.
    std::string unique(const std::string& prefix) {
        std::string suffix = crypto::random_alphanumeric(random, 10);
        for (char& c : suffix)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return prefix + suffix;
    }
};

}  // namespace accountd::testing
