#pragma once
// A server-side prepared SELECT with one string parameter, for the lookups every authenticated
// request runs (session by token hash, API key by identifier). MariaDB parses and resolves such
// a statement once per connection instead of once per request; SOCI's MySQL backend has no
// prepared statements, so this talks Connector/C on SOCI's own connection. The parameter is
// bound, never spliced into SQL.

#include <mysql.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "services/clock.hpp"
#include "services/user.hpp"

namespace accountd::db {

enum class ColumnKind { number, text, flag, datetime };

/// The kinds of kUserColumns, in order (derived from kUserColumnMap, db/user_row.hpp).
const std::vector<ColumnKind>& user_column_kinds();

class PreparedQuery {
  public:
    /// Prepares `sql` on `connection` (which must outlive this). Throws DatabaseError.
    PreparedQuery(MYSQL* connection, const char* sql, std::vector<ColumnKind> columns);
    ~PreparedQuery();
    PreparedQuery(const PreparedQuery&) = delete;
    PreparedQuery& operator=(const PreparedQuery&) = delete;

    MYSQL* connection() const { return connection_; }

    /// Executes with `parameter`; true when a row came back (its values are then readable
    /// below until the next run). Throws DatabaseError naming `operation`.
    bool run(std::string_view parameter, const char* operation);

    bool is_null(std::size_t column) const;
    unsigned long long number(std::size_t column) const;
    std::string text(std::size_t column) const;
    std::optional<std::string> nullable_text(std::size_t column) const;
    bool flag(std::size_t column) const;
    services::Timestamp time(std::size_t column) const;
    std::optional<services::Timestamp> nullable_time(std::size_t column) const;

    /// The user whose kUserColumns start at `first`, its personal fields opened.
    services::User user(std::size_t first, const PersonalFields& personal) const;

  private:
    struct Buffers;
    MYSQL* connection_;
    MYSQL_STMT* statement_ = nullptr;
    std::unique_ptr<Buffers> buffers_;
};

/// Runs `use(query)` on the statement kept in `slot`, preparing it on the current connection
/// first; after a lost connection (which takes server-side statements with it) or a changed
/// table it prepares again and retries once.
template <typename Use>
auto with_prepared(Database& db, std::unique_ptr<PreparedQuery>& slot, const char* sql,
                   const std::vector<ColumnKind>& columns, Use&& use) -> decltype(use(*slot));

bool worth_repreparing(unsigned error_number);

template <typename Use>
auto with_prepared(Database& db, std::unique_ptr<PreparedQuery>& slot, const char* sql,
                   const std::vector<ColumnKind>& columns, Use&& use) -> decltype(use(*slot)) {
    for (int attempt = 0;; ++attempt) {
        try {
            MYSQL* connection = db.native_handle();
            if (!slot || slot->connection() != connection) {
                slot = std::make_unique<PreparedQuery>(connection, sql, columns);
            }
            return use(*slot);
        } catch (const DatabaseError& e) {
            slot.reset();
            if (attempt > 0 || !worth_repreparing(e.error_number())) throw;
        }
    }
}

}  // namespace accountd::db
