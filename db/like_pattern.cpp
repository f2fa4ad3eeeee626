#include "db/like_pattern.hpp"

namespace accountd::db {

std::string contains_pattern(const std::string& text) {
    std::string out = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('%');
    return out;
}

}  // namespace accountd::db
