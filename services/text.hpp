#pragma once
// The text helpers the validation and throttling rules share, and the one trim the config,
// HTTP and SSH key parsers use too.

#include <algorithm>
#include <string>
#include <string_view>

namespace accountd::services {

/// Length in code points, as the panels' length rules count (mb_strlen); the input is UTF-8
/// already validated by the JSON parser.
inline std::size_t utf8_length(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

inline constexpr std::string_view kWhitespace = " \t\r\n";

/// `s` without the leading and trailing characters in `whitespace` (spaces, tabs and line
/// breaks unless told otherwise); a view into `s`.
constexpr std::string_view trim_view(std::string_view s,
                                     std::string_view whitespace = kWhitespace) {
    const auto begin = s.find_first_not_of(whitespace);
    if (begin == std::string_view::npos) return {};
    return s.substr(begin, s.find_last_not_of(whitespace) - begin + 1);
}

/// Without leading and trailing spaces, tabs and line breaks.
inline std::string trim(std::string_view s) {
    return std::string(trim_view(s));
}

/// ASCII letters lowercased, every other byte kept (UTF-8 passes through unchanged).
inline std::string ascii_lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return s;
}

}  // namespace accountd::services
