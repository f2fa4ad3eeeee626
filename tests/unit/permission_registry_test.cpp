// The permission registry keys are limited by: Calagopus' three namespaces in its order, every
// name unique, and the lookups validation uses.

#include <boost/test/unit_test.hpp>
#include <set>

#include "services/permission_registry.hpp"

using namespace accountd;
using services::PermissionKind;

BOOST_AUTO_TEST_SUITE(permission_registry)

BOOST_AUTO_TEST_CASE(the_user_namespace_is_calagopus_list_in_its_order) {
    const std::vector<std::string> expected = {"account.infos",
                                               "account.email",
                                               "account.password",
                                               "account.two-factor",
                                               "account.avatar",
                                               "servers.create",
                                               "servers.read",
                                               "servers.update",
                                               "servers.delete",
                                               "api-keys.create",
                                               "api-keys.read",
                                               "api-keys.update",
                                               "api-keys.delete",
                                               "api-keys.recreate",
                                               "security-keys.create",
                                               "security-keys.read",
                                               "security-keys.update",
                                               "security-keys.delete",
                                               "ssh-keys.create",
                                               "ssh-keys.read",
                                               "ssh-keys.update",
                                               "ssh-keys.delete",
                                               "oauth-links.create",
                                               "oauth-links.read",
                                               "oauth-links.delete",
                                               "command-snippets.create",
                                               "command-snippets.read",
                                               "command-snippets.update",
                                               "command-snippets.delete",
                                               "sessions.read",
                                               "sessions.delete",
                                               "activity.read"};
    BOOST_TEST(services::all_permissions(PermissionKind::user) == expected,
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(admin_and_server_namespaces_start_and_end_as_the_reference_lists) {
    const auto& admin = services::all_permissions(PermissionKind::admin);
    BOOST_TEST(admin.front() == "stats.read");
    BOOST_TEST(admin.back() == "activity.read");
    const auto& server = services::all_permissions(PermissionKind::server);
    BOOST_TEST(server.front() == "control.read-console");
    BOOST_TEST(server.back() == "activity.read-ip");
    // A sample from the middle of each (reference §3.1).
    for (const char* name :
         {"users.impersonate", "nodes.read-token", "system-backup-policies.backups",
          "database-agent-hosts.test", "eggs.mounts", "mounts.delete"})
        BOOST_TEST(services::is_known_permission(PermissionKind::admin, name), name);
    for (const char* name :
         {"files.query-raw", "backup-groups.update", "databases.delete-structure",
          "database-instances.export", "settings.cancel-install"})
        BOOST_TEST(services::is_known_permission(PermissionKind::server, name), name);
}

BOOST_AUTO_TEST_CASE(every_name_is_unique_and_every_text_is_written) {
    for (const auto kind : {PermissionKind::user, PermissionKind::admin, PermissionKind::server}) {
        const auto& all = services::all_permissions(kind);
        BOOST_TEST(std::set<std::string>(all.begin(), all.end()).size() == all.size());
        for (const auto& group : services::permission_groups(kind)) {
            BOOST_TEST(!group.description.empty(), group.name);
            for (const auto& [name, text] : group.permissions)
                BOOST_TEST(text.starts_with("Allows "), group.name << "." << name);
        }
    }
}

BOOST_AUTO_TEST_CASE(names_are_known_only_in_their_own_namespace_and_exactly) {
    BOOST_TEST(services::is_known_permission(PermissionKind::user, "api-keys.read"));
    BOOST_TEST(!services::is_known_permission(PermissionKind::admin, "api-keys.read"));
    BOOST_TEST(!services::is_known_permission(PermissionKind::user, "API-KEYS.READ"));
    BOOST_TEST(!services::is_known_permission(PermissionKind::user, "api-keys"));
    BOOST_TEST(!services::is_known_permission(PermissionKind::user, "api-keys.read "));
    BOOST_TEST(!services::is_known_permission(PermissionKind::user, ""));
    // garde stops at the first unknown entry.
    BOOST_TEST(
        services::first_unknown_permission(PermissionKind::user, {"account.email", "x.y", "z"})
            .value() == "x.y");
    BOOST_TEST(!services::first_unknown_permission(PermissionKind::server, {}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
