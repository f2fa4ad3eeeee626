#include "db/user_row.hpp"

#include "db/time_convert.hpp"

namespace accountd::db {

const char* const kUserColumns =
    "u.id, u.uuid, u.username, u.email, u.name_first, u.name_last, u.password_hash, "
    "u.root_admin, u.role, u.language, u.toast_position, u.start_on_grouped_servers, "
    "u.portal_type, u.email_verified, u.suspended, u.totp_enabled, u.created_at, u.updated_at";

void UserRow::bind(soci::details::prepare_temp_type& statement) {
    statement, soci::into(id, nulls[0]), soci::into(uuid, nulls[1]), soci::into(username, nulls[2]),
        soci::into(email, nulls[3]), soci::into(name_first, nulls[4]),
        soci::into(name_last, nulls[5]), soci::into(password_hash, nulls[6]),
        soci::into(root_admin, nulls[7]), soci::into(role, nulls[8]),
        soci::into(language, nulls[9]), soci::into(toast_position, nulls[10]),
        soci::into(start_on_grouped_servers, nulls[11]), soci::into(portal_type, nulls[12]),
        soci::into(email_verified, nulls[13]), soci::into(suspended, nulls[14]),
        soci::into(totp_enabled, nulls[15]), soci::into(created_at, nulls[16]),
        soci::into(updated_at, nulls[17]);
}

services::User UserRow::to_user() const {
    services::User u;
    u.id = id;
    u.uuid = uuid;
    u.username = username;
    u.email = email;
    u.name_first = name_first;
    u.name_last = name_last;
    if (nulls[6] == soci::i_ok) u.password_hash = password_hash;
    u.root_admin = root_admin != 0;
    if (nulls[8] == soci::i_ok) u.role = role;
    u.language = language;
    u.toast_position = toast_position;
    u.start_on_grouped_servers = start_on_grouped_servers != 0;
    u.portal_type = portal_type;
    u.email_verified = email_verified != 0;
    u.suspended = suspended != 0;
    u.totp_enabled = totp_enabled != 0;
    u.created_at = from_tm(created_at);
    u.updated_at = from_tm(updated_at);
    return u;
}

}  // namespace accountd::db
