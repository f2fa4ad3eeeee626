#include "services/permission_match.hpp"

#include <algorithm>

namespace accountd::services {

bool permission_matches(std::string_view granted, std::string_view required) {
    if (granted == "*" || granted == required) return true;
    // Walk the granted segments; the required name must have each at the same place.
    while (true) {
        const auto g_end = granted.find(':');
        const auto segment = granted.substr(0, g_end);
        if (segment == "*") return true;
        const auto r_end = required.find(':');
        // Required has no segment here (it is shorter than the grant): no match.
        if (required.empty() && !segment.empty()) return false;
        if (segment != required.substr(0, r_end)) return false;
        if (g_end == std::string_view::npos) return true;
        if (r_end == std::string_view::npos) return false;
        granted.remove_prefix(g_end + 1);
        required.remove_prefix(r_end + 1);
    }
}

bool any_permission_matches(const std::vector<std::string>& granted, std::string_view required) {
    return std::any_of(granted.begin(), granted.end(),
                       [&](const std::string& g) { return permission_matches(g, required); });
}

}  // namespace accountd::services
