#include "handlers/eclipanel/profile_rules.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "services/text.hpp"

namespace accountd::handlers::eclipanel {
namespace {

bool is_js_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// EU member states and the UK, by name and ISO-2 code (lower case).
constexpr std::string_view kFourteenCountries[] = {
    "at",
    "austria",
    "be",
    "belgium",
    "bg",
    "bulgaria",
    "hr",
    "croatia",
    "cy",
    "cyprus",
    "cz",
    "czechia",
    "dk",
    "denmark",
    "ee",
    "estonia",
    "fi",
    "finland",
    "fr",
    "france",
    "de",
    "germany",
    "gr",
    "greece",
    "hu",
    "hungary",
    "ie",
    "ireland",
    "it",
    "italy",
    "lv",
    "latvia",
    "lt",
    "lithuania",
    "lu",
    "luxembourg",
    "mt",
    "malta",
    "nl",
    "netherlands",
    "pl",
    "poland",
    "pt",
    "portugal",
    "ro",
    "romania",
    "sk",
    "slovakia",
    "si",
    "slovenia",
    "es",
    "spain",
    "se",
    "sweden",
    "uk",
    "gb",
    "united kingdom",
    "great britain",
    "czech republic",
    "the netherlands",
    "england",
    "scotland",
};

constexpr std::array<std::pair<std::string_view, std::size_t>, 16> kMaxLengths = {{
    {"firstName", 64},
    {"lastName", 64},
    {"middleName", 64},
    {"displayName", 64},
    {"title", 32},
    {"gender", 32},
    {"email", 254},
    {"address", 256},
    {"address2", 256},
    {"billingCompany", 128},
    {"billingCity", 128},
    {"billingState", 64},
    {"billingZip", 20},
    {"billingCountry", 64},
    {"phone", 32},
    {"dateOfBirth", 64},
}};

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<std::string> password_complexity_problems(std::string_view password) {
    std::vector<std::string> problems;
    const auto length = services::utf8_length(password);
    if (length < 8) problems.emplace_back("Password must be at least 8 characters long.");
    if (length > 128) problems.emplace_back("Password must be no more than 128 characters long.");
    const auto any = [&](auto predicate) {
        return std::any_of(password.begin(), password.end(), predicate);
    };
    if (!any([](char c) { return c >= 'A' && c <= 'Z'; }))
        problems.emplace_back("Password must contain at least one uppercase letter.");
    if (!any([](char c) { return c >= 'a' && c <= 'z'; }))
        problems.emplace_back("Password must contain at least one lowercase letter.");
    if (!any([](char c) { return c >= '0' && c <= '9'; }))
        problems.emplace_back("Password must contain at least one number.");
    // Any byte outside [A-Za-z0-9] belongs to a symbol (a space, punctuation, any non-ASCII).
    if (!any([](char c) {
            return !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
        }))
        problems.emplace_back("Password must contain at least one symbol.");
    return problems;
}

bool is_email_shaped(std::string_view email) {
    const auto at = email.find('@');
    if (at == 0 || at == std::string_view::npos) return false;
    if (email.find('@', at + 1) != std::string_view::npos) return false;
    if (std::any_of(email.begin(), email.end(), is_js_space)) return false;
    const auto domain = email.substr(at + 1);
    // [^\s@]+\.[^\s@]+ : some dot with something on both sides.
    const auto dot = domain.find('.', 1);
    return dot != std::string_view::npos && dot + 1 < domain.size();
}

std::optional<std::chrono::year_month_day> parse_date_of_birth(std::string_view text) {
    if (text.size() > 10) {
        if (text[10] != 'T' || text.size() > 64) return std::nullopt;
        text = text.substr(0, 10);
    }
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = text.substr(0, 4);
    const auto m = text.substr(5, 2);
    const auto d = text.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
    const std::chrono::year_month_day date{
        std::chrono::year{std::stoi(std::string(y))},
        std::chrono::month{static_cast<unsigned>(std::stoi(std::string(m)))},
        std::chrono::day{static_cast<unsigned>(std::stoi(std::string(d)))}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string format_date(std::chrono::year_month_day date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

int age_on(std::chrono::year_month_day birth, std::chrono::year_month_day today) {
    int age = static_cast<int>(today.year()) - static_cast<int>(birth.year());
    if (std::pair{static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day())} <
        std::pair{static_cast<unsigned>(birth.month()), static_cast<unsigned>(birth.day())}) {
        --age;
    }
    return age;
}

int minimum_age(std::string_view country) {
    const auto lower = services::ascii_lower(services::trim(country));
    for (const auto listed : kFourteenCountries) {
        if (listed == lower) return 14;
    }
    return 13;
}

std::size_t max_length(std::string_view field) {
    for (const auto& [name, most] : kMaxLengths) {
        if (name == field) return most;
    }
    return 0;
}

}  // namespace accountd::handlers::eclipanel
