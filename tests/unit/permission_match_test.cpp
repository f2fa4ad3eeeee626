// EcliPanel's permission matching (reference eclipanel.md §9.1) and what a key's list grants in
// each dialect's vocabulary.

#include <boost/test/unit_test.hpp>

#include "services/key_permissions.hpp"
#include "services/permission_match.hpp"

using namespace accountd;
using services::permission_matches;
using services::PermissionVocabulary;

namespace {

services::ApiKey key_of(const std::string& format,
                        std::optional<std::vector<std::string>> permissions) {
    services::ApiKey key;
    key.format = format;
    key.permissions = std::move(permissions);
    return key;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(permission_match)

BOOST_AUTO_TEST_CASE(a_star_or_an_equal_name_matches) {
    BOOST_TEST(permission_matches("*", "users:read"));
    BOOST_TEST(permission_matches("*", "anything"));
    BOOST_TEST(permission_matches("users:read", "users:read"));
    BOOST_TEST(!permission_matches("users:read", "users:write"));
}

BOOST_AUTO_TEST_CASE(granted_names_act_as_prefixes_over_their_segments) {
    BOOST_TEST(permission_matches("admin", "admin:access"));
    BOOST_TEST(permission_matches("admin", "admin:kyc:view:id"));
    BOOST_TEST(permission_matches("org:*", "org:write"));
    BOOST_TEST(permission_matches("org:*", "org:invite:send"));
    BOOST_TEST(permission_matches("admin:*", "admin:access"));
    BOOST_TEST(permission_matches("admin:kyc", "admin:kyc:view"));
    // The required name must have every granted segment.
    BOOST_TEST(!permission_matches("servers:read", "servers"));
    BOOST_TEST(!permission_matches("org:*", "org"));
    BOOST_TEST(!permission_matches("admin:kyc", "admin:access"));
    BOOST_TEST(!permission_matches("admin", "administrator:access"));
    BOOST_TEST(!permission_matches("apikeys:read", "*"));
    BOOST_TEST(!permission_matches("", "users:read"));
    BOOST_TEST(!permission_matches("users:", "users:read"));
}

BOOST_AUTO_TEST_CASE(any_of_a_list_matches) {
    const std::vector<std::string> granted = {"servers:read", "apikeys:*"};
    BOOST_TEST(services::any_permission_matches(granted, "apikeys:delete"));
    BOOST_TEST(services::any_permission_matches(granted, "servers:read"));
    BOOST_TEST(!services::any_permission_matches(granted, "sshkeys:read"));
    BOOST_TEST(!services::any_permission_matches({}, "servers:read"));
}

BOOST_AUTO_TEST_CASE(calagopus_names_are_respelled_for_eclipanel_and_back) {
    BOOST_TEST(services::eclipanel_name_of("api-keys.read") == "apikeys:read");
    BOOST_TEST(services::eclipanel_name_of("ssh-keys.create") == "sshkeys:create");
    BOOST_TEST(services::eclipanel_name_of("account.two-factor") == "account:two-factor");
    BOOST_TEST(services::calagopus_name_of("sshkeys:delete").value() == "ssh-keys.delete");
    BOOST_TEST(services::calagopus_name_of("apikeys:create").value() == "api-keys.create");
    // Names that are no account permission have no counterpart.
    BOOST_TEST(!services::calagopus_name_of("users:read").has_value());
    BOOST_TEST(!services::calagopus_name_of("admin:access").has_value());
    BOOST_TEST(!services::calagopus_name_of("*").has_value());
    BOOST_TEST(!services::calagopus_name_of("sshkeys:*").has_value());
}

BOOST_AUTO_TEST_CASE(an_eclipanel_list_matches_with_wildcards_in_every_dialect) {
    const auto key = key_of("eclipanel", std::vector<std::string>{"sshkeys:*", "apikeys:read"});
    BOOST_TEST(services::key_grants(key, PermissionVocabulary::eclipanel, "sshkeys:delete"));
    BOOST_TEST(services::key_grants(key, PermissionVocabulary::eclipanel, "apikeys:read"));
    BOOST_TEST(!services::key_grants(key, PermissionVocabulary::eclipanel, "apikeys:create"));
    // In Pterodactyl and Calagopus the route's name is asked in EcliPanel's spelling.
    BOOST_TEST(services::key_grants(key, PermissionVocabulary::calagopus, "ssh-keys.read"));
    BOOST_TEST(services::key_grants(key, PermissionVocabulary::calagopus, "api-keys.read"));
    BOOST_TEST(!services::key_grants(key, PermissionVocabulary::calagopus, "api-keys.create"));
    BOOST_TEST(!services::key_grants(key, PermissionVocabulary::calagopus, "account.email"));
    // An empty list grants nothing anywhere.
    const auto none = key_of("eclipanel", std::vector<std::string>{});
    BOOST_TEST(!services::key_grants(none, PermissionVocabulary::calagopus, "ssh-keys.read"));
    BOOST_TEST(!services::key_grants(none, PermissionVocabulary::eclipanel, "sshkeys:read"));
}

BOOST_AUTO_TEST_CASE(a_calagopus_list_matches_exactly_in_every_dialect) {
    const auto key = key_of("calagopus", std::vector<std::string>{"ssh-keys.read"});
    BOOST_TEST(services::key_grants(key, PermissionVocabulary::calagopus, "ssh-keys.read"));
    BOOST_TEST(!services::key_grants(key, PermissionVocabulary::calagopus, "ssh-keys.create"));
    BOOST_TEST(services::key_grants(key, PermissionVocabulary::eclipanel, "sshkeys:read"));
    BOOST_TEST(!services::key_grants(key, PermissionVocabulary::eclipanel, "sshkeys:create"));
    // A wildcard route name or a panel-wide one is never granted by a list.
    BOOST_TEST(!services::key_grants(key, PermissionVocabulary::eclipanel, "sshkeys:*"));
    BOOST_TEST(!services::key_grants(key, PermissionVocabulary::eclipanel, "users:read"));
}

BOOST_AUTO_TEST_CASE(a_key_without_a_list_reaches_the_account_but_only_an_admin_key_others) {
    const auto admin = key_of("eclipanel", std::nullopt);
    const auto ptero = key_of("pterodactyl", std::nullopt);
    BOOST_TEST(services::is_admin_key(admin));
    BOOST_TEST(!services::is_admin_key(ptero));
    BOOST_TEST(!services::is_admin_key(key_of("eclipanel", std::vector<std::string>{"*"})));
    for (const auto* key : {&admin, &ptero}) {
        BOOST_TEST(services::key_grants(*key, PermissionVocabulary::eclipanel, "apikeys:create"));
        BOOST_TEST(services::key_grants(*key, PermissionVocabulary::calagopus, "account.email"));
    }
    BOOST_TEST(services::key_acts_for_others(admin, PermissionVocabulary::eclipanel, "users:read"));
    BOOST_TEST(
        !services::key_acts_for_others(ptero, PermissionVocabulary::eclipanel, "users:read"));
    const auto listed = key_of("eclipanel", std::vector<std::string>{"users:read"});
    BOOST_TEST(
        services::key_acts_for_others(listed, PermissionVocabulary::eclipanel, "users:read"));
    BOOST_TEST(
        !services::key_acts_for_others(listed, PermissionVocabulary::eclipanel, "users:write"));
}

BOOST_AUTO_TEST_CASE(users_hold_their_account_permissions_and_root_admins_all) {
    services::User user;
    BOOST_TEST(services::user_holds(user, "apikeys:create"));
    BOOST_TEST(services::user_holds(user, "sshkeys:read"));
    BOOST_TEST(!services::user_holds(user, "users:read"));
    BOOST_TEST(!services::user_holds(user, "*"));
    BOOST_TEST(!services::user_holds(user, "apikeys:*"));
    user.root_admin = true;
    BOOST_TEST(services::user_holds(user, "users:write"));
    BOOST_TEST(services::user_holds(user, "*"));
}

BOOST_AUTO_TEST_SUITE_END()
