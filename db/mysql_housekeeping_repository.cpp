#include "db/mysql_housekeeping_repository.hpp"

#include <vector>

#include "db/time_convert.hpp"

namespace accountd::db {
namespace {

// Rows the request path also writes (sessions, pending sign-ins, throttle windows) are deleted
// one by one through their primary key, after a plain read finds them. A range delete over the
// time index would lock index then row, the opposite order to a request updating that row, and
// InnoDB could then pick the request as a deadlock victim. A batch's deletes commit together:
// one log flush per batch instead of one per row, which is most of a delete's cost. The request
// path touches these rows one statement at a time, so it waits at most for one batch, and holds
// nothing this batch waits for.
template <typename Key>
std::size_t delete_by_key(Database& db, const std::string& select_sql,
                          const std::string& delete_sql, services::Timestamp at,
                          std::size_t limit) {
    const std::tm when = to_tm(at);
    const long long max_rows = static_cast<long long>(limit);
    std::vector<Key> keys(limit);
    db.sql() << select_sql, soci::use(when, "at"), soci::use(max_rows, "limit"), soci::into(keys);
    if (keys.empty()) return 0;
    Key key{};
    soci::transaction tx(db.sql());
    soci::statement st =
        (db.sql().prepare << delete_sql, soci::use(key, "k"), soci::use(when, "at"));
    std::size_t deleted = 0;
    for (const auto& k : keys) {
        key = k;
        st.execute(true);
        deleted += static_cast<std::size_t>(st.get_affected_rows());
    }
    tx.commit();
    return deleted;
}

}  // namespace

std::size_t MysqlHousekeepingRepository::delete_expired_sessions(services::Timestamp now,
                                                                 std::size_t limit) {
    return guarded("housekeeping.sessions", [&] {
        return delete_by_key<long long>(
            db_, "SELECT id FROM sessions WHERE expires_at <= :at LIMIT :limit",
            "DELETE FROM sessions WHERE id = :k AND expires_at <= :at", now, limit);
    });
}

std::size_t MysqlHousekeepingRepository::delete_expired_pending_logins(services::Timestamp now,
                                                                       std::size_t limit) {
    return guarded("housekeeping.pending_logins", [&] {
        return delete_by_key<long long>(
            db_, "SELECT id FROM pending_logins WHERE expires_at <= :at LIMIT :limit",
            "DELETE FROM pending_logins WHERE id = :k AND expires_at <= :at", now, limit);
    });
}

std::size_t MysqlHousekeepingRepository::delete_ended_throttle_windows(services::Timestamp now,
                                                                       std::size_t limit) {
    return guarded("housekeeping.throttle", [&] {
        return delete_by_key<std::string>(
            db_, "SELECT bucket FROM throttle_buckets WHERE window_ends <= :at LIMIT :limit",
            "DELETE FROM throttle_buckets WHERE bucket = :k AND window_ends <= :at", now, limit);
    });
}

// Only inserts touch activity rows on the request path, so one bounded range delete is safe.
std::size_t MysqlHousekeepingRepository::delete_activity_before(services::Timestamp cutoff,
                                                                std::size_t limit) {
    return guarded("housekeeping.activity", [&] {
        const std::tm when = to_tm(cutoff);
        const long long max_rows = static_cast<long long>(limit);
        soci::statement st =
            (db_.sql().prepare << "DELETE FROM activity_logs WHERE created_at < :at LIMIT :limit",
             soci::use(when, "at"), soci::use(max_rows, "limit"));
        st.execute(true);
        return static_cast<std::size_t>(st.get_affected_rows());
    });
}

}  // namespace accountd::db
