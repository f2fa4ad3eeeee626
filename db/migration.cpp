#include "db/migration.hpp"

#include <sstream>

namespace accountd::db {

std::vector<std::string> split_sql_statements(const std::string& sql) {
    std::vector<std::string> statements;
    std::string current;
    std::istringstream in(sql);
    std::string line;
    while (std::getline(in, line)) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line.compare(first, 2, "--") == 0) continue;
        current += line;
        current += '\n';
        const auto last = line.find_last_not_of(" \t\r");
        if (line[last] == ';') {
            current.erase(current.find_last_of(';'));
            statements.push_back(current);
            current.clear();
        }
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos) statements.push_back(current);
    return statements;
}

int Migrator::latest_version() const {
    return migrations_.empty() ? 0 : migrations_.back().version;
}

int Migrator::current_version() {
    return guarded("migrations.current_version", [&] {
        int tables = 0;
        db_.sql()
            << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
               "AND table_name = 'schema_migrations'",
            soci::into(tables);
        if (tables == 0) return 0;
        int version = 0;
        soci::indicator ind = soci::i_ok;
        db_.sql() << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
        return ind == soci::i_null ? 0 : version;
    });
}

MigrationReport Migrator::migrate() {
    int locked = 0;
    guarded("migrations.lock", [&] {
        db_.sql() << "SELECT GET_LOCK('accountd_migrate', 60)", soci::into(locked);
        return 0;
    });
    if (locked != 1) throw DatabaseError("migrations.lock (timed out)", 0);
    struct Unlock {
        Database& db;
        ~Unlock() {
            try {
                int released = 0;
                db.sql() << "SELECT RELEASE_LOCK('accountd_migrate')", soci::into(released);
            } catch (const soci::soci_error&) {
                // The lock dies with the connection anyway.
            }
        }
    } unlock{db_};

    guarded("migrations.create_table", [&] {
        db_.sql() << "CREATE TABLE IF NOT EXISTS schema_migrations ("
                     "version INT NOT NULL PRIMARY KEY, name VARCHAR(191) NOT NULL, "
                     "applied_at DATETIME NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
        return 0;
    });
    MigrationReport report;
    report.from_version = current_version();
    if (report.from_version > latest_version()) {
        throw SchemaAheadError("database schema is at version " +
                               std::to_string(report.from_version) +
                               " but this binary knows only " + std::to_string(latest_version()) +
                               "; upgrade accountd");
    }
    for (const auto& m : migrations_) {
        if (m.version <= report.from_version) continue;
        const std::string label = (std::ostringstream() << m.version << "_" << m.name).str();
        guarded("migrations.apply", [&] {
            for (const auto& statement : split_sql_statements(m.sql))
                db_.sql() << statement;
            const std::string name = m.name;
            db_.sql() << "INSERT INTO schema_migrations (version, name, applied_at) "
                         "VALUES (:v, :n, UTC_TIMESTAMP())",
                soci::use(m.version), soci::use(name);
            return 0;
        });
        report.applied.push_back(label);
    }
    report.to_version = current_version();
    return report;
}

}  // namespace accountd::db
