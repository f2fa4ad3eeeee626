#include "db/prepared_session_lookup.hpp"

#include <array>
#include <cstring>
#include <vector>

#include "db/database.hpp"

namespace accountd::db {
namespace {

constexpr const char* kQuery =
    "SELECT s.id, s.public_id, s.user_id, s.dialect, s.ip, s.user_agent, s.created_at, "
    "s.last_used_at, s.expires_at, u.id, u.uuid, u.username, u.email, u.name_first, "
    "u.name_last, u.password_hash, u.root_admin, u.role, u.language, u.toast_position, "
    "u.start_on_grouped_servers, u.portal_type, u.email_verified, u.suspended, u.totp_enabled, "
    "u.created_at, u.updated_at FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = ?";

enum class Kind { u64, text, flag, datetime };

// Column order of kQuery.
constexpr std::array<Kind, 27> kKinds = {
    Kind::u64,      Kind::text,     Kind::u64,      Kind::text, Kind::text, Kind::text,
    Kind::datetime, Kind::datetime, Kind::datetime, Kind::u64,  Kind::text, Kind::text,
    Kind::text,     Kind::text,     Kind::text,     Kind::text, Kind::flag, Kind::text,
    Kind::text,     Kind::text,     Kind::flag,     Kind::text, Kind::flag, Kind::flag,
    Kind::flag,     Kind::datetime, Kind::datetime};

// VARCHAR(255) in utf8mb4 is at most 1020 bytes.
constexpr std::size_t kTextCapacity = 1024;

services::Timestamp to_timestamp(const MYSQL_TIME& t) {
    std::tm tm{};
    tm.tm_year = static_cast<int>(t.year) - 1900;
    tm.tm_mon = static_cast<int>(t.month) - 1;
    tm.tm_mday = static_cast<int>(t.day);
    tm.tm_hour = static_cast<int>(t.hour);
    tm.tm_min = static_cast<int>(t.minute);
    tm.tm_sec = static_cast<int>(t.second);
    return services::Timestamp(std::chrono::seconds(timegm(&tm)));
}

}  // namespace

struct PreparedSessionLookup::Columns {
    std::array<MYSQL_BIND, kKinds.size()> binds{};
    std::array<unsigned long long, kKinds.size()> numbers{};
    std::array<signed char, kKinds.size()> flags{};
    std::array<MYSQL_TIME, kKinds.size()> times{};
    std::array<std::array<char, kTextCapacity>, kKinds.size()> texts{};
    std::array<unsigned long, kKinds.size()> lengths{};
    std::array<my_bool, kKinds.size()> nulls{};

    Columns() {
        for (std::size_t i = 0; i < kKinds.size(); ++i) {
            MYSQL_BIND& b = binds[i];
            b.length = &lengths[i];
            b.is_null = &nulls[i];
            switch (kKinds[i]) {
                case Kind::u64:
                    b.buffer_type = MYSQL_TYPE_LONGLONG;
                    b.is_unsigned = 1;
                    b.buffer = &numbers[i];
                    break;
                case Kind::flag:
                    b.buffer_type = MYSQL_TYPE_TINY;
                    b.buffer = &flags[i];
                    break;
                case Kind::datetime:
                    b.buffer_type = MYSQL_TYPE_DATETIME;
                    b.buffer = &times[i];
                    break;
                case Kind::text:
                    b.buffer_type = MYSQL_TYPE_STRING;
                    b.buffer = texts[i].data();
                    b.buffer_length = kTextCapacity;
                    break;
            }
        }
    }

    std::string text(std::size_t i) const { return std::string(texts[i].data(), lengths[i]); }
    std::optional<std::string> nullable_text(std::size_t i) const {
        if (nulls[i]) return std::nullopt;
        return text(i);
    }
    bool flag(std::size_t i) const { return flags[i] != 0; }
    services::Timestamp time(std::size_t i) const { return to_timestamp(times[i]); }
};

PreparedSessionLookup::PreparedSessionLookup(MYSQL* connection)
    : connection_(connection), columns_(std::make_unique<Columns>()) {
    statement_ = mysql_stmt_init(connection_);
    if (statement_ == nullptr)
        throw DatabaseError("sessions.lookup.init", mysql_errno(connection_));
    if (mysql_stmt_prepare(statement_, kQuery, std::strlen(kQuery)) != 0 ||
        mysql_stmt_bind_result(statement_, columns_->binds.data()) != 0) {
        const unsigned error = mysql_stmt_errno(statement_);
        mysql_stmt_close(statement_);
        statement_ = nullptr;
        throw DatabaseError("sessions.lookup.prepare", error);
    }
}

PreparedSessionLookup::~PreparedSessionLookup() {
    if (statement_ != nullptr) mysql_stmt_close(statement_);
}

std::optional<services::SessionWithUser> PreparedSessionLookup::find(
    const std::string& token_hash) {
    MYSQL_BIND param{};
    unsigned long param_length = token_hash.size();
    param.buffer_type = MYSQL_TYPE_BLOB;
    param.buffer = const_cast<char*>(token_hash.data());
    param.buffer_length = param_length;
    param.length = &param_length;
    if (mysql_stmt_bind_param(statement_, &param) != 0 || mysql_stmt_execute(statement_) != 0) {
        throw DatabaseError("sessions.lookup.execute", mysql_stmt_errno(statement_));
    }
    const int fetched = mysql_stmt_fetch(statement_);
    if (fetched == MYSQL_NO_DATA) return std::nullopt;
    // Drain and release the result so the connection is free for the next statement.
    struct FreeResult {
        MYSQL_STMT* stmt;
        ~FreeResult() { mysql_stmt_free_result(stmt); }
    } free_result{statement_};
    if (fetched != 0) {
        // MYSQL_DATA_TRUNCATED cannot happen with buffers above the columns' maximum sizes.
        throw DatabaseError("sessions.lookup.fetch", mysql_stmt_errno(statement_));
    }
    while (mysql_stmt_fetch(statement_) == 0) {
    }
    const Columns& c = *columns_;
    services::SessionWithUser found;
    services::Session& s = found.session;
    s.id = c.numbers[0];
    s.public_id = c.text(1);
    s.user_id = c.numbers[2];
    s.dialect = c.text(3);
    s.ip = c.text(4);
    s.user_agent = c.text(5);
    s.created_at = c.time(6);
    s.last_used_at = c.time(7);
    s.expires_at = c.time(8);
    services::User& u = found.user;
    u.id = c.numbers[9];
    u.uuid = c.text(10);
    u.username = c.text(11);
    u.email = c.text(12);
    u.name_first = c.text(13);
    u.name_last = c.text(14);
    u.password_hash = c.nullable_text(15);
    u.root_admin = c.flag(16);
    u.role = c.nullable_text(17);
    u.language = c.text(18);
    u.toast_position = c.text(19);
    u.start_on_grouped_servers = c.flag(20);
    u.portal_type = c.text(21);
    u.email_verified = c.flag(22);
    u.suspended = c.flag(23);
    u.totp_enabled = c.flag(24);
    u.created_at = c.time(25);
    u.updated_at = c.time(26);
    return found;
}

}  // namespace accountd::db
