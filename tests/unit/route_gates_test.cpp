// Every authenticated route of every dialect passes the account gates (suspension, required
// two-factor) unless it states why not, and the routes that do are exactly the ones the panels'
// references exempt. Read from the routers the workers build, so a new route is covered
// without being listed here.

#include <boost/test/unit_test.hpp>

#include <set>
#include <tuple>

#include "app/worker_app.hpp"
#include "test_support.hpp"

using namespace accountd;

namespace {

using Exempt = std::tuple<std::string, std::string, std::string, server::Gates>;

// Building the routes touches no database: the connection opens on first use.
std::set<Exempt> exempt_routes() {
    config::Config config;
    config.server_key = std::string(32, 'k');
    config.password_blocklist_files.clear();
    config.database_url = "db=unused host=127.0.0.1 port=1";
    // With the SPA's pages, which only exist when a template is configured.
    config.pterodactyl_index_template = testing::data_path("pterodactyl/index.html");
    testing::ManualClock clock;
    testing::CountingRandom random;
    const app::WorkerApp app(config, clock, random);
    std::set<Exempt> out;
    for (const auto dialect :
         {config::Dialect::pterodactyl, config::Dialect::calagopus, config::Dialect::eclipanel}) {
        for (const auto* route : app.router(dialect).routes()) {
            if (route->auth == server::AuthRequirement::none) continue;
            BOOST_TEST((route->gates == server::Gates::all || !route->gate_exemption.empty()),
                       route->method << " " << route->pattern);
            if (route->gates != server::Gates::all) {
                out.emplace(std::string(config::dialect_name(dialect)), route->method,
                            route->pattern, route->gates);
            }
        }
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(route_gates)

BOOST_AUTO_TEST_CASE(only_sign_out_two_factor_enrolment_and_account_reads_skip_a_gate) {
    using server::Gates;
    const std::set<Exempt> expected = {
        // Signing out (and the XSRF token it needs) only takes access away.
        {"pterodactyl", "POST", "/auth/logout", Gates::none},
        {"pterodactyl", "GET", "/sanctum/csrf-cookie", Gates::none},
        {"calagopus", "POST", "/api/client/account/logout", Gates::none},
        {"eclipanel", "POST", "/api/auth/logout", Gates::none},
        // Calagopus lets a suspended user read the account, and refuses the update itself
        // (409, after validation).
        {"calagopus", "GET", "/api/client/account", Gates::none},
        {"calagopus", "PATCH", "/api/client/account", Gates::none},
        // Where a user without the required two-factor sees who they are and enables it; a
        // suspended one is refused.
        {"pterodactyl", "GET", "/api/client/account", Gates::except_two_factor},
        {"pterodactyl", "GET", "/api/client/account/two-factor", Gates::except_two_factor},
        {"pterodactyl", "POST", "/api/client/account/two-factor", Gates::except_two_factor},
        {"pterodactyl", "POST", "/api/client/account/two-factor/disable", Gates::except_two_factor},
        {"pterodactyl", "DELETE", "/api/client/account/two-factor", Gates::except_two_factor},
        {"calagopus", "GET", "/api/client/account/two-factor", Gates::except_two_factor},
        {"calagopus", "POST", "/api/client/account/two-factor", Gates::except_two_factor},
        {"calagopus", "DELETE", "/api/client/account/two-factor", Gates::except_two_factor},
        {"eclipanel", "GET", "/api/auth/session", Gates::except_two_factor},
        {"eclipanel", "GET", "/api/users/me", Gates::except_two_factor},
        {"eclipanel", "GET", "/api/auth/csrf-token", Gates::except_two_factor},
        {"eclipanel", "GET", "/api/auth/2fa/setup", Gates::except_two_factor},
        {"eclipanel", "POST", "/api/auth/2fa/verify", Gates::except_two_factor},
        // The SPA's pages: what the session may do is decided by the API calls they make.
        {"pterodactyl", "GET", "/", Gates::none},
        {"pterodactyl", "GET", "/account", Gates::none},
        {"pterodactyl", "GET", "/account/{page...}", Gates::none},
        {"pterodactyl", "GET", "/auth/{page...}", Gates::none},
    };
    const auto actual = exempt_routes();
    for (const auto& route : actual) {
        BOOST_TEST(expected.contains(route), "unexpected exemption: " << std::get<0>(route) << " "
                                                                      << std::get<1>(route) << " "
                                                                      << std::get<2>(route));
    }
    for (const auto& route : expected) {
        BOOST_TEST(actual.contains(route), "gated now, or gone: " << std::get<0>(route) << " "
                                                                  << std::get<1>(route) << " "
                                                                  << std::get<2>(route));
    }
}

BOOST_AUTO_TEST_SUITE_END()
