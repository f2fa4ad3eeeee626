#pragma once
// The LIKE pattern for "contains": every list search of the account APIs (names, user agents,
// events) matches a case-insensitive substring the user typed.

#include <string>

namespace accountd::db {

/// `%text%` with LIKE's metacharacters (% _ \) in `text` escaped, so they match themselves; an
/// empty text matches everything. Bind it with `LIKE :pattern` (backslash is MariaDB's default
/// escape character).
std::string contains_pattern(const std::string& text);

}  // namespace accountd::db
