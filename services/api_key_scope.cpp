#include "services/api_key_scope.hpp"

#include <algorithm>

#include "services/ip_range.hpp"

namespace accountd::services {
namespace {

bool addresses_within(const ApiKey& inner, const ApiKey& outer) {
    if (outer.allowed_ips.empty()) return true;
    // No list means every address.
    if (inner.allowed_ips.empty()) return false;
    std::vector<IpRange> outer_ranges;
    for (const auto& entry : outer.allowed_ips) {
        if (auto range = IpRange::parse(entry)) outer_ranges.push_back(*range);
    }
    return std::all_of(inner.allowed_ips.begin(), inner.allowed_ips.end(),
                       [&](const std::string& entry) {
                           const auto range = IpRange::parse(entry);
                           // An entry we cannot read could mean anything: not provably inside.
                           return range && std::any_of(outer_ranges.begin(), outer_ranges.end(),
                                                       [&](const IpRange& outer_range) {
                                                           return outer_range.covers(*range);
                                                       });
                       });
}

bool expiry_within(const ApiKey& inner, const ApiKey& outer) {
    if (!outer.expires_at) return true;
    return inner.expires_at && *inner.expires_at <= *outer.expires_at;
}

using List = std::optional<std::vector<std::string>>;

bool list_within(const List& inner, const List& outer) {
    if (!outer) return true;
    if (!inner) return false;
    return std::all_of(inner->begin(), inner->end(), [&](const std::string& permission) {
        return std::find(outer->begin(), outer->end(), permission) != outer->end();
    });
}

}  // namespace

bool permissions_within(const ApiKey& inner, const ApiKey& outer) {
    return list_within(inner.permissions, outer.permissions) &&
           list_within(inner.admin_permissions, outer.admin_permissions) &&
           list_within(inner.server_permissions, outer.server_permissions);
}

bool is_restricted(const ApiKey& key) {
    return !key.allowed_ips.empty() || key.expires_at.has_value() || key.permissions.has_value() ||
           key.admin_permissions.has_value() || key.server_permissions.has_value();
}

bool is_within(const ApiKey& inner, const ApiKey& outer) {
    return addresses_within(inner, outer) && expiry_within(inner, outer) &&
           permissions_within(inner, outer);
}

}  // namespace accountd::services
