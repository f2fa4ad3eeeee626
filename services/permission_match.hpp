#pragma once
// Colon-separated permission names with wildcards (EcliPanel's model, reference eclipanel.md
// §9.1): a granted name acts as a prefix of the names it covers. Dialect-neutral: any panel whose
// permissions are `group:action[:...]` strings with `*` segments matches them this way.

#include <string>
#include <string_view>
#include <vector>

namespace accountd::services {

/// Whether `granted` covers `required`: "*" covers everything, an equal name covers itself, and
/// otherwise every segment of `granted` must equal the segment of `required` at its place until
/// a "*" segment, which covers the rest. So "admin" covers "admin:access", "org:*" covers
/// "org:write", and "servers:read" does not cover "servers".
bool permission_matches(std::string_view granted, std::string_view required);

/// Whether any of `granted` covers `required`.
bool any_permission_matches(const std::vector<std::string>& granted, std::string_view required);

}  // namespace accountd::services
