#include "services/key_permissions.hpp"

#include <algorithm>

#include "services/api_key_format.hpp"
#include "services/permission_match.hpp"
#include "services/permission_registry.hpp"

namespace accountd::services {

PermissionVocabulary vocabulary_of(const ApiKey& key) {
    return key.format == eclipanel_key_format().name ? PermissionVocabulary::eclipanel
                                                     : PermissionVocabulary::calagopus;
}

std::string eclipanel_name_of(std::string_view calagopus_name) {
    std::string out;
    const auto dot = calagopus_name.find('.');
    for (const char c : calagopus_name.substr(0, dot)) {
        if (c != '-') out += c;
    }
    if (dot != std::string_view::npos) {
        out += ':';
        out += calagopus_name.substr(dot + 1);
    }
    return out;
}

const std::vector<std::string>& eclipanel_account_permissions() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& name : all_permissions(PermissionKind::user))
            out.push_back(eclipanel_name_of(name));
        return out;
    }();
    return names;
}

std::optional<std::string> calagopus_name_of(std::string_view eclipanel_name) {
    const auto& ecli = eclipanel_account_permissions();
    const auto& names = all_permissions(PermissionKind::user);
    const auto at = std::find(ecli.begin(), ecli.end(), eclipanel_name);
    if (at == ecli.end()) return std::nullopt;
    return names[static_cast<std::size_t>(at - ecli.begin())];
}

bool is_admin_key(const ApiKey& key) {
    return vocabulary_of(key) == PermissionVocabulary::eclipanel && !key.permissions;
}

bool key_grants(const ApiKey& key, PermissionVocabulary route_vocabulary,
                std::string_view permission) {
    if (!key.permissions) return true;
    const auto& list = *key.permissions;
    if (vocabulary_of(key) == PermissionVocabulary::eclipanel) {
        if (route_vocabulary == PermissionVocabulary::eclipanel) {
            return any_permission_matches(list, permission);
        }
        return any_permission_matches(list, eclipanel_name_of(permission));
    }
    std::optional<std::string> wanted(permission);
    if (route_vocabulary == PermissionVocabulary::eclipanel) {
        // Wildcards and panel-wide names have no exact counterpart: not granted by a list.
        wanted = calagopus_name_of(permission);
        if (!wanted) return false;
    }
    return std::find(list.begin(), list.end(), *wanted) != list.end();
}

bool key_acts_for_others(const ApiKey& key, PermissionVocabulary route_vocabulary,
                         std::string_view permission) {
    if (is_admin_key(key)) return true;
    return key.permissions && key_grants(key, route_vocabulary, permission);
}

bool user_holds(const User& user, std::string_view permission) {
    if (user.root_admin) return true;
    return std::find(eclipanel_account_permissions().begin(), eclipanel_account_permissions().end(),
                     permission) != eclipanel_account_permissions().end();
}

}  // namespace accountd::services
