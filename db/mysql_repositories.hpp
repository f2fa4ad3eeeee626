#pragma once
// The one factory for the MySQL/MariaDB repositories: one connection per process (opened on
// first use, after fork), shared by every repository it hands out.

#include <memory>
#include <string>

#include "crypto/secret_box.hpp"
#include "services/repositories.hpp"

namespace accountd::db {

/// `url` is a SOCI connection string. Nothing connects until the first query, so a worker starts
/// (and answers liveness) while the database is down. `personal_box` (outliving the
/// repositories) seals the users' personal fields (db/personal_fields.hpp).
std::unique_ptr<services::Repositories> open_mysql_repositories(
    std::string url, const crypto::SecretBox& personal_box);

}  // namespace accountd::db
