#pragma once
// The hot-path query (session by token hash, joined with its user) as a server-side prepared
// statement. Every authenticated request runs it; MariaDB then parses and resolves it once per
// worker instead of once per request, which profiling showed to be a third of its CPU for this
// query. SOCI's MySQL backend has no prepared statements, so this one statement talks
// Connector/C on SOCI's own connection. The value is bound, never spliced into SQL.

#include <mysql.h>

#include <memory>
#include <optional>
#include <string>

#include "services/session_repository.hpp"

namespace accountd::db {

class PreparedSessionLookup {
  public:
    /// Prepares the statement on `connection` (which must outlive this). Throws DatabaseError.
    explicit PreparedSessionLookup(MYSQL* connection);
    ~PreparedSessionLookup();
    PreparedSessionLookup(const PreparedSessionLookup&) = delete;
    PreparedSessionLookup& operator=(const PreparedSessionLookup&) = delete;

    MYSQL* connection() const { return connection_; }

    /// The session whose token_hash is `token_hash`, with its user. Throws DatabaseError; the
    /// caller drops this object after an error (a reconnect invalidates server-side statements).
    std::optional<services::SessionWithUser> find(const std::string& token_hash);

  private:
    struct Columns;
    MYSQL* connection_;
    MYSQL_STMT* statement_ = nullptr;
    std::unique_ptr<Columns> columns_;
};

}  // namespace accountd::db
