#pragma once
// The permission registry keys are limited by: Calagopus' three namespaces (user, admin,
// server), each an ordered list of groups of `<group>.<permission>` names. The user namespace is
// also the one vocabulary of every dialect's account routes (Route::key_permission), so a key
// limited in one dialect is limited the same way in all.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accountd::services {

struct PermissionGroup {
    std::string name;
    std::string description;
    /// (permission within the group, description), in the registry's order
    std::vector<std::pair<std::string, std::string>> permissions;
};

enum class PermissionKind { user, admin, server };

/// The registry of one namespace, in Calagopus' order (data in permission_registry_data.cpp).
const std::vector<PermissionGroup>& user_permission_groups();
const std::vector<PermissionGroup>& admin_permission_groups();
const std::vector<PermissionGroup>& server_permission_groups();
const std::vector<PermissionGroup>& permission_groups(PermissionKind kind);

/// Every full name ("account.email") of the namespace, in the registry's order.
const std::vector<std::string>& all_permissions(PermissionKind kind);

/// Whether `name` is a full name of the namespace.
bool is_known_permission(PermissionKind kind, std::string_view name);

/// The first entry of `names` that is not in the namespace, if any (garde stops at the first).
std::optional<std::string> first_unknown_permission(PermissionKind kind,
                                                    const std::vector<std::string>& names);

}  // namespace accountd::services
