#pragma once
// DATETIME columns hold UTC; SOCI hands them over as std::tm.

#include <ctime>

#include "services/clock.hpp"

namespace accountd::db {

std::tm to_tm(services::Timestamp t);
services::Timestamp from_tm(std::tm tm);

}  // namespace accountd::db
