#include "services/permission_registry.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace accountd::services {
namespace {

std::vector<std::string> flatten(const std::vector<PermissionGroup>& groups) {
    std::vector<std::string> out;
    for (const auto& group : groups) {
        for (const auto& [permission, description] : group.permissions)
            out.push_back(group.name + "." + permission);
    }
    return out;
}

const std::set<std::string, std::less<>>& known(PermissionKind kind) {
    static const std::set<std::string, std::less<>> user = [] {
        const auto& all = all_permissions(PermissionKind::user);
        return std::set<std::string, std::less<>>(all.begin(), all.end());
    }();
    static const std::set<std::string, std::less<>> admin = [] {
        const auto& all = all_permissions(PermissionKind::admin);
        return std::set<std::string, std::less<>>(all.begin(), all.end());
    }();
    static const std::set<std::string, std::less<>> server = [] {
        const auto& all = all_permissions(PermissionKind::server);
        return std::set<std::string, std::less<>>(all.begin(), all.end());
    }();
    switch (kind) {
        case PermissionKind::user:
            return user;
        case PermissionKind::admin:
            return admin;
        case PermissionKind::server:
            break;
    }
    return server;
}

}  // namespace

const std::vector<PermissionGroup>& permission_groups(PermissionKind kind) {
    switch (kind) {
        case PermissionKind::user:
            return user_permission_groups();
        case PermissionKind::admin:
            return admin_permission_groups();
        case PermissionKind::server:
            break;
    }
    return server_permission_groups();
}

const std::vector<std::string>& all_permissions(PermissionKind kind) {
    static const std::vector<std::string> user = flatten(user_permission_groups());
    static const std::vector<std::string> admin = flatten(admin_permission_groups());
    static const std::vector<std::string> server = flatten(server_permission_groups());
    switch (kind) {
        case PermissionKind::user:
            return user;
        case PermissionKind::admin:
            return admin;
        case PermissionKind::server:
            break;
    }
    return server;
}

bool is_known_permission(PermissionKind kind, std::string_view name) {
    return known(kind).contains(name);
}

std::optional<std::string> first_unknown_permission(PermissionKind kind,
                                                    const std::vector<std::string>& names) {
    const auto it = std::find_if(names.begin(), names.end(), [&](const std::string& name) {
        return !is_known_permission(kind, name);
    });
    if (it == names.end()) return std::nullopt;
    return *it;
}

}  // namespace accountd::services
