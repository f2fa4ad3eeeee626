#include "handlers/common/time_format.hpp"

#include <chrono>
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

// `count` digits at `at` as a number; -1 when any is not a digit.
int digits(std::string_view text, std::size_t at, std::size_t count) {
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9') return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

}  // namespace

std::optional<services::Timestamp> parse_rfc3339(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' ||
        (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
        return std::nullopt;
    }
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    const int hour = digits(text, 11, 2), minute = digits(text, 14, 2),
              second = digits(text, 17, 2);
    if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || second < 0 || second > 60) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year(year),
                                           std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) return std::nullopt;
    std::size_t at = 19;
    if (text[at] == '.') {
        ++at;
        const std::size_t start = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9')
            ++at;
        if (at == start) return std::nullopt;
    }
    int offset_minutes = 0;
    if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
    } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        const int oh = digits(text, at + 1, 2), om = digits(text, at + 4, 2);
        if (oh < 0 || om < 0 || oh > 23 || om > 59 || at + 3 >= text.size() ||
            text[at + 3] != ':') {
            return std::nullopt;
        }
        offset_minutes = (oh * 60 + om) * (text[at] == '-' ? -1 : 1);
        at += 6;
    } else {
        return std::nullopt;
    }
    if (at != text.size()) return std::nullopt;
    const auto local = std::chrono::sys_days(date) + std::chrono::hours(hour) +
                       std::chrono::minutes(minute) + std::chrono::seconds(second);
    const auto utc = local - std::chrono::minutes(offset_minutes);
    // An offset or a leap second may carry 9999-12-31 past what a DATETIME column holds.
    constexpr auto kLastStorable =
        std::chrono::sys_days(std::chrono::year(10000) / std::chrono::January / 1) -
        std::chrono::seconds(1);
    if (utc > kLastStorable) return std::nullopt;
    return services::Timestamp(utc);
}

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
