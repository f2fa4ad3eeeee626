#include "db/time_convert.hpp"

namespace accountd::db {

std::tm to_tm(services::Timestamp t) {
    const std::time_t seconds = t.time_since_epoch().count();
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    return tm;
}

services::Timestamp from_tm(std::tm tm) {
    return services::Timestamp(std::chrono::seconds(timegm(&tm)));
}

}  // namespace accountd::db
