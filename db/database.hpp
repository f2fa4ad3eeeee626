#pragma once
// One SOCI/MySQL connection per worker process, opened after fork. SOCI's exception text
// includes bound values (tokens, hashes, e-mails), so it is translated here into DatabaseError,
// which carries only the operation name and the server error number.

#include <mysql.h>
#include <soci/soci.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "db/personal_fields.hpp"
#include "services/service_error.hpp"

namespace accountd::db {

/// The repositories' services::StorageUnavailable, with the server's error number.
class DatabaseError : public services::StorageUnavailable {
  public:
    DatabaseError(const std::string& operation, unsigned error_number)
        : services::StorageUnavailable("database error in " + operation + " (errno " +
                                       std::to_string(error_number) + ")"),
          error_number_(error_number) {}
    unsigned error_number() const { return error_number_; }

  private:
    unsigned error_number_;
};

/// MySQL ER_DUP_ENTRY.
constexpr unsigned kDuplicateEntry = 1062;

class Database {
  public:
    /// Remembers `url` (a SOCI connection string) and adds reconnect=1 and charset=utf8mb4.
    /// Connecting waits for the first use, so a worker starts (and answers liveness) while the
    /// database is down. `personal_box` (outliving this) seals the users' personal fields; none
    /// stores them as given (tools that never read or write them, tests).
    explicit Database(std::string url, const crypto::SecretBox* personal_box = nullptr);

    /// How the users' personal columns are sealed and opened.
    const PersonalFields& personal() const { return personal_; }

    /// The connection, opened on first use with the session time zone set to UTC. Throws
    /// DatabaseError (never the URL or password) while the server is unreachable.
    soci::session& sql();

    /// The Connector/C handle under SOCI, for the one prepared statement SOCI cannot express
    /// (db/prepared_query.hpp). Connects first if needed; throws DatabaseError.
    MYSQL* native_handle();

    /// A cheap round trip for readiness checks; false instead of throwing.
    bool ping();

  private:
    std::string url_;
    PersonalFields personal_;
    std::unique_ptr<soci::session> session_;
};

unsigned soci_error_number(const soci::soci_error& error);

/// Runs `body`; rethrows any SOCI error as DatabaseError naming `operation` (no SQL, no values).
template <typename Body>
auto guarded(const char* operation, Body&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const soci::soci_error& e) {
        throw DatabaseError(operation, soci_error_number(e));
    }
}

}  // namespace accountd::db
