#pragma once
// The users column list and a typed buffer that receives it, shared by every query that returns
// a user (the session lookup joins it too). Typed binds avoid SOCI's dynamic rows, whose
// per-column allocations and casts showed up on the hot path.

#include <soci/soci.h>

#include <array>
#include <ctime>
#include <string>

#include "services/user.hpp"

namespace accountd::db {

/// Columns of `users` aliased `u`, in the order UserRow::bind() expects.
extern const char* const kUserColumns;

struct UserRow {
    unsigned long long id = 0;
    std::string uuid, username, email, name_first, name_last;
    std::string password_hash;
    int root_admin = 0;
    std::string role;
    std::string language, toast_position;
    int start_on_grouped_servers = 0;
    std::string portal_type;
    int email_verified = 0, suspended = 0, totp_enabled = 0;
    std::tm created_at{}, updated_at{};
    /// One indicator per column: the nullable ones, and every one under a LEFT JOIN.
    std::array<soci::indicator, 18> nulls{};

    /// Adds one into() per column of kUserColumns, in order. The row must outlive `statement`.
    void bind(soci::details::prepare_temp_type& statement);
    services::User to_user() const;
};

}  // namespace accountd::db
