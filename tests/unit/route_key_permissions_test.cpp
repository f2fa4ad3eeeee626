// Every account route a key can reach in Pterodactyl and Calagopus names the Calagopus user
// permission a key needs (the one vocabulary of every dialect), and the names are the registry's.
// Read from the routers the workers build, so a new route is covered without being listed here.

#include <boost/test/unit_test.hpp>

#include <map>

#include "app/worker_app.hpp"
#include "services/key_permissions.hpp"
#include "services/permission_registry.hpp"
#include "test_support.hpp"

using namespace accountd;

namespace {

using Permissions = std::map<std::string, std::string>;  // "METHOD pattern" -> permission

// Building the routes touches no database: the connection opens on first use.
Permissions key_permissions(config::Dialect dialect) {
    config::Config config;
    config.server_key = std::string(32, 'k');
    config.password_blocklist_files.clear();
    config.database_url = "db=unused host=127.0.0.1 port=1";
    testing::ManualClock clock;
    testing::CountingRandom random;
    const app::WorkerApp app(config, clock, random);
    Permissions out;
    for (const auto* route : app.router(dialect).routes()) {
        if (route->auth != server::AuthRequirement::session_or_key) continue;
        out[route->method + " " + route->pattern] = route->key_permission;
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(route_key_permissions)

BOOST_AUTO_TEST_CASE(pterodactyl_account_routes_map_onto_calagopus_user_permissions) {
    const auto actual = key_permissions(config::Dialect::pterodactyl);
    const Permissions expected = {
        {"GET /api/client/account", ""},
        {"PUT /api/client/account/email", "account.email"},
        {"PUT /api/client/account/password", "account.password"},
        {"GET /api/client/permissions", ""},
        {"GET /api/client/account/activity", "activity.read"},
        {"GET /api/client/account/ssh-keys", "ssh-keys.read"},
        {"POST /api/client/account/ssh-keys", "ssh-keys.create"},
        {"POST /api/client/account/ssh-keys/remove", "ssh-keys.delete"},
        {"GET /api/client/account/api-keys", "api-keys.read"},
        {"POST /api/client/account/api-keys", "api-keys.create"},
        {"DELETE /api/client/account/api-keys/{identifier}", "api-keys.delete"},
    };
    for (const auto& [route, permission] : expected) {
        BOOST_TEST(actual.count(route) == 1u, route);
        if (actual.count(route)) BOOST_TEST(actual.at(route) == permission, route);
    }
}

BOOST_AUTO_TEST_CASE(every_named_permission_is_a_registry_user_permission) {
    for (const auto dialect : {config::Dialect::pterodactyl, config::Dialect::calagopus}) {
        for (const auto& [route, permission] : key_permissions(dialect)) {
            if (permission.empty()) continue;
            BOOST_TEST(services::is_known_permission(services::PermissionKind::user, permission),
                       route << " names " << permission);
        }
    }
}

BOOST_AUTO_TEST_CASE(calagopus_key_routes_name_their_permission) {
    const auto actual = key_permissions(config::Dialect::calagopus);
    // Only these need none (§3.2, §5): reading the account and the catalogue, signing out.
    // PATCH /api/client/account checks account.infos in its handler, after the body's
    // validation, as Calagopus orders them (e2e calagopus_permissions covers it).
    for (const auto& [route, permission] : actual) {
        if (route == "GET /api/client/account" || route == "GET /api/client/permissions" ||
            route == "POST /api/client/account/logout" || route == "PATCH /api/client/account") {
            continue;
        }
        BOOST_TEST(!permission.empty(), route << " names no key permission");
    }
    BOOST_TEST(actual.at("GET /api/client/account/api-keys") == "api-keys.read");
    BOOST_TEST(actual.at("POST /api/client/account/api-keys/{uuid}/recreate") ==
               "api-keys.recreate");
    BOOST_TEST(actual.at("PUT /api/client/account/email") == "account.email");
}

BOOST_AUTO_TEST_CASE(eclipanel_key_routes_name_account_permissions_in_its_spelling) {
    const auto actual = key_permissions(config::Dialect::eclipanel);
    const Permissions expected = {
        {"GET /api/apikeys/my", ""},
        {"POST /api/apikeys", "apikeys:create"},
        {"GET /api/apikeys/{id}", ""},
        {"DELETE /api/apikeys/{id}", "apikeys:delete"},
        {"GET /api/ssh-keys", "sshkeys:read"},
        {"POST /api/ssh-keys", "sshkeys:create"},
        {"PUT /api/ssh-keys/{id}", "sshkeys:update"},
        {"DELETE /api/ssh-keys/{id}", "sshkeys:delete"},
        {"PUT /api/users/{id}", "account:infos"},
        {"POST /api/users/{id}/avatar", "account:avatar"},
        {"POST /api/users/{id}/guide", "account:infos"},
        {"PATCH /api/users/me/favorites", "account:infos"},
        {"POST /api/users/me/terms-consent", "account:infos"},
        {"POST /api/users/me/consent", "account:infos"},
    };
    for (const auto& [route, permission] : expected) {
        BOOST_TEST(actual.count(route) == 1u, route);
        if (actual.count(route)) BOOST_TEST(actual.at(route) == permission, route);
    }
    // Each names an account permission, so a key of another dialect is asked the same thing.
    for (const auto& [route, permission] : actual) {
        if (permission.empty()) continue;
        BOOST_TEST(services::calagopus_name_of(permission).has_value(),
                   route << " names " << permission);
    }
}

BOOST_AUTO_TEST_SUITE_END()
