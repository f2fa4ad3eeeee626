#pragma once
// What an API key's permission list lets it do, in whichever dialect it is used. Keys carry the
// list in the vocabulary of the dialect that minted them: Pterodactyl and Calagopus keys name
// Calagopus' user permissions exactly ("ssh-keys.read"), EcliPanel keys name colon-separated
// permissions with wildcards ("sshkeys:read", "apikeys:*", "*"). A route names its permission in
// its own dialect's vocabulary; a permission is translated into the key's vocabulary before the
// key's list is asked, and one with no translation is never granted by a list, so a key limited
// in one dialect stays limited (never widens) in every other. A key without a list reaches the
// owner's whole account, as before.
//
// The account's own permissions in EcliPanel's vocabulary are Calagopus' user permissions
// respelled: "<group>.<action>" becomes "<group without '-'>:<action>" ("api-keys.read" is
// "apikeys:read", "ssh-keys.create" is "sshkeys:create"), which are EcliPanel's own names where
// it has them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/api_key.hpp"
#include "services/user.hpp"

namespace accountd::services {

enum class PermissionVocabulary {
    calagopus,  ///< exact names of Calagopus' user registry (Pterodactyl and Calagopus routes)
    eclipanel,  ///< colon-separated names with wildcards (permission_match.hpp)
};

/// The vocabulary a key's list is written in: the one of the dialect that minted it.
PermissionVocabulary vocabulary_of(const ApiKey& key);

/// "api-keys.read" -> "apikeys:read".
std::string eclipanel_name_of(std::string_view calagopus_name);
/// The Calagopus user permission whose EcliPanel name is `eclipanel_name`; nullopt for names
/// that are not an account permission ("users:read", "admin:access", wildcards).
std::optional<std::string> calagopus_name_of(std::string_view eclipanel_name);
/// Every account permission in EcliPanel's vocabulary, in the registry's order: what an
/// ordinary user holds on their own account.
const std::vector<std::string>& eclipanel_account_permissions();

/// An EcliPanel `admin` key: one minted by EcliPanel without a list (only root admins mint
/// them). Every other key is a `client` key, limited to its list or to the owner's account.
bool is_admin_key(const ApiKey& key);

/// Whether `key` may use a route needing `permission` (named in `route_vocabulary`).
bool key_grants(const ApiKey& key, PermissionVocabulary route_vocabulary,
                std::string_view permission);

/// Whether `key` lets its (root admin) owner use `permission` on other users' resources: an
/// admin key does, a key whose list grants the permission does; a key without a list of any
/// other dialect does not (it is a key for the owner's account).
bool key_acts_for_others(const ApiKey& key, PermissionVocabulary route_vocabulary,
                         std::string_view permission);

/// Whether `user` holds the EcliPanel permission `permission`: root admins hold every one,
/// other users the account permissions (on their own account).
bool user_holds(const User& user, std::string_view permission);

}  // namespace accountd::services
