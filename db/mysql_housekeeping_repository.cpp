#include "db/mysql_housekeeping_repository.hpp"

#include "db/time_convert.hpp"

namespace accountd::db {

std::size_t MysqlHousekeepingRepository::delete_rows(const char* what, const std::string& sql,
                                                     services::Timestamp at, std::size_t limit) {
    return guarded(what, [&] {
        const std::tm when = to_tm(at);
        const long long max_rows = static_cast<long long>(limit);
        soci::statement st =
            (db_.sql().prepare << sql, soci::use(when, "at"), soci::use(max_rows, "limit"));
        st.execute(true);
        return static_cast<std::size_t>(st.get_affected_rows());
    });
}

std::size_t MysqlHousekeepingRepository::delete_expired_sessions(services::Timestamp now,
                                                                 std::size_t limit) {
    return delete_rows("housekeeping.sessions",
                       "DELETE FROM sessions WHERE expires_at <= :at LIMIT :limit", now, limit);
}

std::size_t MysqlHousekeepingRepository::delete_expired_pending_logins(services::Timestamp now,
                                                                       std::size_t limit) {
    return delete_rows("housekeeping.pending_logins",
                       "DELETE FROM pending_logins WHERE expires_at <= :at LIMIT :limit", now,
                       limit);
}

std::size_t MysqlHousekeepingRepository::delete_ended_throttle_windows(services::Timestamp now,
                                                                       std::size_t limit) {
    return delete_rows("housekeeping.throttle",
                       "DELETE FROM throttle_buckets WHERE window_ends <= :at LIMIT :limit", now,
                       limit);
}

std::size_t MysqlHousekeepingRepository::delete_activity_before(services::Timestamp cutoff,
                                                                std::size_t limit) {
    return delete_rows("housekeeping.activity",
                       "DELETE FROM activity_logs WHERE created_at < :at LIMIT :limit", cutoff,
                       limit);
}

}  // namespace accountd::db
