#include "db/user_row.hpp"

#include "db/time_convert.hpp"

namespace accountd::db {

const char* const kUserColumns =
    "u.id, u.uuid, u.username, u.email, u.name_first, u.name_last, u.password_hash, "
    "u.root_admin, u.role, u.language, u.toast_position, u.start_on_grouped_servers, "
    "u.portal_type, u.email_verified, u.suspended, u.totp_enabled, u.created_at, u.updated_at";

void UserRow::bind(soci::details::prepare_temp_type& statement) {
    statement, soci::into(id), soci::into(uuid), soci::into(username), soci::into(email),
        soci::into(name_first), soci::into(name_last), soci::into(password_hash, password_hash_ind),
        soci::into(root_admin), soci::into(role, role_ind), soci::into(language),
        soci::into(toast_position), soci::into(start_on_grouped_servers), soci::into(portal_type),
        soci::into(email_verified), soci::into(suspended), soci::into(totp_enabled),
        soci::into(created_at), soci::into(updated_at);
}

services::User UserRow::to_user() const {
    services::User u;
    u.id = id;
    u.uuid = uuid;
    u.username = username;
    u.email = email;
    u.name_first = name_first;
    u.name_last = name_last;
    if (password_hash_ind == soci::i_ok) u.password_hash = password_hash;
    u.root_admin = root_admin != 0;
    if (role_ind == soci::i_ok) u.role = role;
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
