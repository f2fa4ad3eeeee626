#include "handlers/common/time_format.hpp"

#include <ctime>

namespace accountd::handlers {
namespace {

std::string format(services::Timestamp t, const char* pattern) {
    const std::time_t seconds = t.time_since_epoch().count();
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[64];
    const auto n = std::strftime(buffer, sizeof buffer, pattern, &tm);
    return std::string(buffer, n);
}

}  // namespace

std::string iso8601_micro_z(services::Timestamp t) {
    return format(t, "%Y-%m-%dT%H:%M:%S.000000Z");
}
std::string atom_string(services::Timestamp t) {
    return format(t, "%Y-%m-%dT%H:%M:%S+00:00");
}
std::string rfc3339_z(services::Timestamp t) {
    return format(t, "%Y-%m-%dT%H:%M:%SZ");
}

}  // namespace accountd::handlers
