#pragma once
// Numbered schema migrations (schema/NNNN_name.sql, compiled into the binary) and the runner
// behind `accountd migrate`. Applied versions are recorded in schema_migrations; a database
// that has a version this binary does not know is refused.

#include <stdexcept>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace accountd::db {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

/// All migrations in this binary, ascending by version.
const std::vector<Migration>& embedded_migrations();

class SchemaAheadError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct MigrationReport {
    int from_version = 0;
    int to_version = 0;
    std::vector<std::string> applied;  ///< "0001_initial", ...
};

/// Splits a migration file into statements: a statement ends with ';' at the end of a line;
/// lines starting with "--" are comments.
std::vector<std::string> split_sql_statements(const std::string& sql);

class Migrator {
  public:
    Migrator(Database& db, const std::vector<Migration>& migrations)
        : db_(db), migrations_(migrations) {}

    /// Highest applied version (0 for an empty database). Reads only.
    int current_version();
    /// Highest version this binary knows.
    int latest_version() const;
    /// Applies every missing migration in order under a named lock, so two concurrent runs do
    /// not race. Idempotent. Throws SchemaAheadError or DatabaseError.
    MigrationReport migrate();

  private:
    Database& db_;
    const std::vector<Migration>& migrations_;
};

}  // namespace accountd::db
