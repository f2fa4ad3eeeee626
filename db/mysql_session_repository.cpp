#include "db/mysql_session_repository.hpp"

#include "db/time_convert.hpp"
#include "db/user_row.hpp"

namespace accountd::db {

std::uint64_t MysqlSessionRepository::insert(const services::Session& s,
                                             const std::string& token_hash) {
    return guarded("sessions.insert", [&]() -> std::uint64_t {
        const std::tm created = to_tm(s.created_at);
        const std::tm last_used = to_tm(s.last_used_at);
        const std::tm expires = to_tm(s.expires_at);
        const long long user_id = static_cast<long long>(s.user_id);
        db_.sql() << "INSERT INTO sessions (public_id, token_hash, user_id, dialect, ip, "
                     "user_agent, created_at, last_used_at, expires_at) VALUES (:public_id, "
                     ":token_hash, :user_id, :dialect, :ip, :ua, :created, :last_used, :expires)",
            soci::use(s.public_id), soci::use(token_hash), soci::use(user_id),
            soci::use(s.dialect), soci::use(s.ip), soci::use(s.user_agent), soci::use(created),
            soci::use(last_used), soci::use(expires);
        long long id = 0;
        db_.sql() << "SELECT LAST_INSERT_ID()", soci::into(id);
        return static_cast<std::uint64_t>(id);
    });
}

std::optional<services::SessionWithUser> MysqlSessionRepository::find_by_token_hash(
    const std::string& token_hash) {
    return guarded("sessions.find_by_token_hash", [&]() -> std::optional<services::SessionWithUser> {
        soci::row row;
        db_.sql() << "SELECT s.id, s.public_id, s.user_id, s.dialect, s.ip, s.user_agent, "
                     "s.created_at, s.last_used_at, s.expires_at, "
                  << kUserColumns
                  << " FROM sessions s JOIN users u ON u.id = s.user_id"
                     " WHERE s.token_hash = :hash",
            soci::use(token_hash), soci::into(row);
        if (!db_.sql().got_data()) return std::nullopt;
        services::SessionWithUser found;
        services::Session& s = found.session;
        s.id = row.get<unsigned long long>(0);
        s.public_id = row.get<std::string>(1);
        s.user_id = row.get<unsigned long long>(2);
        s.dialect = row.get<std::string>(3);
        s.ip = row.get<std::string>(4);
        s.user_agent = row.get<std::string>(5);
        s.created_at = from_tm(row.get<std::tm>(6));
        s.last_used_at = from_tm(row.get<std::tm>(7));
        s.expires_at = from_tm(row.get<std::tm>(8));
        found.user = read_user(row, 9);
        return found;
    });
}

void MysqlSessionRepository::touch(std::uint64_t session_id, services::Timestamp now,
                                   const std::string& ip) {
    guarded("sessions.touch", [&] {
        const std::tm at = to_tm(now);
        const long long id = static_cast<long long>(session_id);
        db_.sql() << "UPDATE sessions SET last_used_at = :now, ip = :ip WHERE id = :id",
            soci::use(at), soci::use(ip), soci::use(id);
        return 0;
    });
}

bool MysqlSessionRepository::remove(std::uint64_t session_id) {
    return guarded("sessions.remove", [&] {
        const long long id = static_cast<long long>(session_id);
        soci::statement st = (db_.sql().prepare << "DELETE FROM sessions WHERE id = :id",
                              soci::use(id));
        st.execute(true);
        return st.get_affected_rows() > 0;
    });
}

bool MysqlSessionRepository::remove_owned(const std::string& public_id, std::uint64_t user_id) {
    return guarded("sessions.remove_owned", [&] {
        const long long owner = static_cast<long long>(user_id);
        soci::statement st =
            (db_.sql().prepare << "DELETE FROM sessions WHERE public_id = :pid AND user_id = :uid",
             soci::use(public_id), soci::use(owner));
        st.execute(true);
        return st.get_affected_rows() > 0;
    });
}

void MysqlSessionRepository::remove_all_for_user(std::uint64_t user_id) {
    guarded("sessions.remove_all_for_user", [&] {
        const long long owner = static_cast<long long>(user_id);
        db_.sql() << "DELETE FROM sessions WHERE user_id = :uid", soci::use(owner);
        return 0;
    });
}

}  // namespace accountd::db
