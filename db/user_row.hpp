#pragma once
// The users column list and its mapping to services::User, shared by every query that returns
// a user (the session lookup joins it too).

#include <soci/soci.h>

#include "services/user.hpp"

namespace accountd::db {

/// Columns of `users` aliased `u`, in the order read_user() expects, starting at `first`.
extern const char* const kUserColumns;

/// Reads a user from `row` starting at column index `first`.
services::User read_user(const soci::row& row, std::size_t first);

}  // namespace accountd::db
