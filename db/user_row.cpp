#include "db/user_row.hpp"

#include "db/time_convert.hpp"

namespace accountd::db {

const char* const kUserColumns =
    "u.id, u.uuid, u.username, u.email, u.name_first, u.name_last, u.password_hash, "
    "u.root_admin, u.role, u.language, u.toast_position, u.start_on_grouped_servers, "
    "u.portal_type, u.email_verified, u.suspended, u.totp_enabled, u.created_at, u.updated_at";

namespace {

bool flag(const soci::row& row, std::size_t i) { return row.get<int>(i) != 0; }

std::optional<std::string> nullable_string(const soci::row& row, std::size_t i) {
    if (row.get_indicator(i) == soci::i_null) return std::nullopt;
    return row.get<std::string>(i);
}

}  // namespace

services::User read_user(const soci::row& row, std::size_t first) {
    services::User u;
    std::size_t i = first;
    // SOCI's MySQL backend reports BIGINT UNSIGNED as unsigned long long.
    u.id = row.get<unsigned long long>(i++);
    u.uuid = row.get<std::string>(i++);
    u.username = row.get<std::string>(i++);
    u.email = row.get<std::string>(i++);
    u.name_first = row.get<std::string>(i++);
    u.name_last = row.get<std::string>(i++);
    u.password_hash = nullable_string(row, i++);
    u.root_admin = flag(row, i++);
    u.role = nullable_string(row, i++);
    u.language = row.get<std::string>(i++);
    u.toast_position = row.get<std::string>(i++);
    u.start_on_grouped_servers = flag(row, i++);
    u.portal_type = row.get<std::string>(i++);
    u.email_verified = flag(row, i++);
    u.suspended = flag(row, i++);
    u.totp_enabled = flag(row, i++);
    u.created_at = from_tm(row.get<std::tm>(i++));
    u.updated_at = from_tm(row.get<std::tm>(i++));
    return u;
}

}  // namespace accountd::db
