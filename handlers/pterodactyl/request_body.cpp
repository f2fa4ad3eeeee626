#include "handlers/pterodactyl/request_body.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "server/json_body.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

// Laravel's TrimStrings exempts these. Pterodactyl's own list leaves current_password out, so
// a password with an outer space could never be confirmed; we keep every password as typed.
constexpr std::array<std::string_view, 3> kUntrimmed = {"password", "password_confirmation",
                                                        "current_password"};

// The code point starting at `at` of valid UTF-8 (the JSON parser checked it) and its length.
std::pair<char32_t, std::size_t> code_point_at(std::string_view s, std::size_t at) {
    const auto lead = static_cast<unsigned char>(s[at]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t value = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t i = 1; i < length && at + i < s.size(); ++i) {
        value = (value << 6) | (static_cast<unsigned char>(s[at + i]) & 0x3F);
    }
    return {value, length};
}

// What Laravel's Str::trim strips: PCRE's \s with Unicode properties (ASCII whitespace, NEL and
// the Unicode space separators) plus the zero-width no-break space, space and LTR mark.
bool is_trimmed(char32_t c) {
    switch (c) {
        case U'\t':
        case U'\n':
        case U'\v':
        case U'\f':
        case U'\r':
        case U' ':
        case U'\u0085':
        case U'\u00A0':
        case U'\u1680':
        case U'\u2028':
        case U'\u2029':
        case U'\u202F':
        case U'\u205F':
        case U'\u3000':
        case U'\uFEFF':
        case U'\u200B':
        case U'\u200E':
            return true;
        default:
            return c >= U'\u2000' && c <= U'\u200A';
    }
}

std::string trimmed(std::string_view s) {
    std::size_t begin = 0;
    while (begin < s.size()) {
        const auto [c, length] = code_point_at(s, begin);
        if (!is_trimmed(c)) break;
        begin += length;
    }
    std::size_t end = s.size();
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
            --start;
        if (!is_trimmed(code_point_at(s, start).first)) break;
        end = start;
    }
    return std::string(s.substr(begin, end - begin));
}

// No route reads deeper than a list inside the body; a deeper value is left alone rather than
// walked (a hostile body may nest thousands of levels).
constexpr int kMaxDepth = 16;

void clean(nlohmann::json& value, bool trim, int depth) {
    if (depth > kMaxDepth) return;
    if (value.is_string()) {
        if (trim) value = trimmed(value.get_ref<const std::string&>());
        if (value.get_ref<const std::string&>().empty()) value = nullptr;
    } else if (value.is_array()) {
        for (auto& item : value)
            clean(item, true, depth + 1);
    } else if (value.is_object()) {
        for (auto& [key, item] : value.items())
            clean(item, true, depth + 1);
    }
}

}  // namespace

void laravel_input(nlohmann::json& body) {
    if (!body.is_object()) return;
    for (auto& [key, value] : body.items()) {
        const bool password =
            std::find(kUntrimmed.begin(), kUntrimmed.end(), key) != kUntrimmed.end();
        clean(value, !password, 1);
    }
}

nlohmann::json read_body(const server::RequestContext& ctx) {
    auto body = server::parse_json_object(ctx);
    laravel_input(body);
    return body;
}

}  // namespace accountd::handlers::pterodactyl
