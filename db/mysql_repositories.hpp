#pragma once
// The one factory for the MySQL/MariaDB repositories: one connection per process (opened on
// first use, after fork), shared by every repository it hands out.

#include <memory>
#include <string>

#include "services/repositories.hpp"

namespace accountd::db {

/// `url` is a SOCI connection string. Nothing connects until the first query, so a worker starts
/// (and answers liveness) while the database is down.
std::unique_ptr<services::Repositories> open_mysql_repositories(std::string url);

}  // namespace accountd::db
