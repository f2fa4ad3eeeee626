#include "db/mysql_session_repository.hpp"

#include "db/like_pattern.hpp"
#include "db/time_convert.hpp"
#include "db/user_row.hpp"

namespace accountd::db {

namespace {

// The columns a session row is read into, and the session they make.
struct SessionRow {
    unsigned long long id = 0, user = 0;
    std::string public_id, dialect, ip, agent;
    std::tm created{}, last_used{}, expires{};

    services::Session to_session() const {
        services::Session s;
        s.id = id;
        s.public_id = public_id;
        s.user_id = user;
        s.dialect = dialect;
        s.ip = ip;
        s.user_agent = agent;
        s.created_at = from_tm(created);
        s.last_used_at = from_tm(last_used);
        s.expires_at = from_tm(expires);
        return s;
    }
};

const std::string& token_lookup_sql() {
    static const std::string sql =
        std::string(
            "SELECT s.id, s.public_id, s.user_id, s.dialect, s.ip, s.user_agent, "
            "s.created_at, s.last_used_at, s.expires_at, ") +
        kUserColumns + " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?";
    return sql;
}

const std::vector<ColumnKind>& token_lookup_columns() {
    using K = ColumnKind;
    static const std::vector<ColumnKind> columns = [] {
        std::vector<ColumnKind> c = {K::number, K::text,     K::number,   K::text,    K::text,
                                     K::text,   K::datetime, K::datetime, K::datetime};
        const auto& user = user_column_kinds();
        c.insert(c.end(), user.begin(), user.end());
        return c;
    }();
    return columns;
}

}  // namespace

MysqlSessionRepository::MysqlSessionRepository(Database& db) : db_(db) {}
MysqlSessionRepository::~MysqlSessionRepository() = default;

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
            soci::use(s.public_id), soci::use(token_hash), soci::use(user_id), soci::use(s.dialect),
            soci::use(s.ip), soci::use(s.user_agent), soci::use(created), soci::use(last_used),
            soci::use(expires);
        long long id = 0;
        db_.sql() << "SELECT LAST_INSERT_ID()", soci::into(id);
        return static_cast<std::uint64_t>(id);
    });
}

std::optional<services::SessionWithUser> MysqlSessionRepository::find_by_token_hash(
    const std::string& token_hash) {
    return with_prepared(db_, token_lookup_, token_lookup_sql().c_str(), token_lookup_columns(),
                         [&](PreparedQuery& q) -> std::optional<services::SessionWithUser> {
                             if (!q.run(token_hash, "sessions.find_by_token_hash"))
                                 return std::nullopt;
                             services::SessionWithUser found;
                             services::Session& s = found.session;
                             s.id = q.number(0);
                             s.public_id = q.text(1);
                             s.user_id = q.number(2);
                             s.dialect = q.text(3);
                             s.ip = q.text(4);
                             s.user_agent = q.text(5);
                             s.created_at = q.time(6);
                             s.last_used_at = q.time(7);
                             s.expires_at = q.time(8);
                             found.user = q.user(9, db_.personal());
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
        soci::statement st =
            (db_.sql().prepare << "DELETE FROM sessions WHERE id = :id", soci::use(id));
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

std::uint64_t MysqlSessionRepository::remove_all_for_user_except(
    std::uint64_t user_id, std::optional<std::uint64_t> keep) {
    return guarded("sessions.remove_all_for_user_except", [&]() -> std::uint64_t {
        const long long owner = static_cast<long long>(user_id);
        const long long kept = keep ? static_cast<long long>(*keep) : 0;  // ids start at 1
        soci::statement st =
            (db_.sql().prepare << "DELETE FROM sessions WHERE user_id = :uid AND id <> :keep",
             soci::use(owner), soci::use(kept));
        st.execute(true);
        return static_cast<std::uint64_t>(st.get_affected_rows());
    });
}

std::optional<services::Session> MysqlSessionRepository::find_owned(const std::string& public_id,
                                                                    std::uint64_t user_id) {
    return guarded("sessions.find_owned", [&]() -> std::optional<services::Session> {
        const long long owner = static_cast<long long>(user_id);
        SessionRow row;
        row.public_id = public_id;
        row.user = user_id;
        soci::indicator found = soci::i_null;
        db_.sql() << "SELECT id, dialect, ip, user_agent, created_at, last_used_at, expires_at "
                     "FROM sessions WHERE public_id = :pid AND user_id = :uid",
            soci::into(row.id, found), soci::into(row.dialect), soci::into(row.ip),
            soci::into(row.agent), soci::into(row.created), soci::into(row.last_used),
            soci::into(row.expires), soci::use(public_id), soci::use(owner);
        if (!db_.sql().got_data()) return std::nullopt;
        return row.to_session();
    });
}

services::SessionPage MysqlSessionRepository::list_for_user(const services::SessionQuery& q) {
    return guarded("sessions.list_for_user", [&] {
        // Fixed SQL text; every value bound. The column's collation (utf8mb4_unicode_ci) makes
        // LIKE case-insensitive.
        std::string where = "user_id = :uid AND expires_at > :now AND last_used_at >= :since";
        if (q.search) where += " AND user_agent LIKE :pattern";
        const long long owner = static_cast<long long>(q.user_id);
        const std::tm now = to_tm(q.now);
        const std::tm since = to_tm(q.used_since);
        const std::string pattern = q.search ? contains_pattern(*q.search) : std::string();
        const auto bind_filter = [&](auto& query) {
            query, soci::use(owner, "uid"), soci::use(now, "now"), soci::use(since, "since");
            if (q.search) query, soci::use(pattern, "pattern");
        };
        services::SessionPage page;
        {
            long long total = 0;
            auto count = (db_.sql().prepare << "SELECT COUNT(*) FROM sessions WHERE " + where);
            bind_filter(count);
            count, soci::into(total);
            soci::statement st(count);
            st.execute(true);
            page.total = static_cast<std::uint64_t>(total);
        }
        SessionRow row;
        const long long limit = q.limit;
        const long long offset = static_cast<long long>(q.offset);
        auto query = (db_.sql().prepare
                      << "SELECT id, public_id, user_id, dialect, ip, user_agent, created_at, "
                         "last_used_at, expires_at FROM sessions WHERE "
                      << where << " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset");
        query, soci::into(row.id), soci::into(row.public_id), soci::into(row.user),
            soci::into(row.dialect), soci::into(row.ip), soci::into(row.agent),
            soci::into(row.created), soci::into(row.last_used), soci::into(row.expires);
        bind_filter(query);
        query, soci::use(limit, "limit"), soci::use(offset, "offset");
        soci::statement st(query);
        st.execute();
        while (st.fetch())
            page.sessions.push_back(row.to_session());
        return page;
    });
}

}  // namespace accountd::db
