#include "app/worker_app.hpp"

#include "handlers/calagopus/account_handler.hpp"
#include "handlers/calagopus/activity_handler.hpp"
#include "handlers/calagopus/api_keys_handler.hpp"
#include "handlers/calagopus/auth_handler.hpp"
#include "handlers/calagopus/avatar_handler.hpp"
#include "handlers/calagopus/permissions_handler.hpp"
#include "handlers/calagopus/public_handler.hpp"
#include "handlers/calagopus/sessions_handler.hpp"
#include "handlers/calagopus/ssh_keys_handler.hpp"
#include "handlers/calagopus/two_factor_handler.hpp"
#include "handlers/common/health_handler.hpp"
#include "handlers/eclipanel/api_keys_handler.hpp"
#include "handlers/eclipanel/auth_handler.hpp"
#include "handlers/eclipanel/panel_handler.hpp"
#include "handlers/eclipanel/sessions_handler.hpp"
#include "handlers/eclipanel/ssh_keys_handler.hpp"
#include "handlers/eclipanel/two_factor_handler.hpp"
#include "handlers/eclipanel/users_handler.hpp"
#include "handlers/eclipanel/who_am_i_handler.hpp"
#include "handlers/pterodactyl/account_handler.hpp"
#include "handlers/pterodactyl/activity_handler.hpp"
#include "handlers/pterodactyl/api_keys_handler.hpp"
#include "handlers/pterodactyl/auth_handler.hpp"
#include "handlers/pterodactyl/locale_handler.hpp"
#include "handlers/pterodactyl/permissions_handler.hpp"
#include "handlers/pterodactyl/spa_handler.hpp"
#include "handlers/pterodactyl/ssh_keys_handler.hpp"
#include "handlers/pterodactyl/two_factor_handler.hpp"

namespace accountd::app {

WorkerApp::WorkerApp(config::Config config, const services::Clock& clock,
                     crypto::RandomSource& random, server::RateLimiter* limiter,
                     crypto::HashGate* hash_gate)
    : root_(std::move(config), clock, random, hash_gate),
      deps_{root_.config(),
            root_.keys(),
            root_.clock(),
            root_.random(),
            root_.log(),
            root_.auth(),
            root_.sessions(),
            root_.users(),
            root_.accounts(),
            root_.activity(),
            root_.ssh_keys(),
            root_.api_keys(),
            root_.login_throttle(),
            root_.two_factor(),
            root_.sign_in(),
            root_.password_confirmation(),
            root_.user_service(),
            root_.profiles(),
            limiter},
      pterodactyl_(deps_),
      calagopus_(deps_),
      eclipanel_(deps_),
      dispatcher_(root_.config(), root_.sessions(), &root_.api_keys(), root_.log()) {
    for (auto* router : {&pterodactyl_routes_, &calagopus_routes_, &eclipanel_routes_}) {
        handlers::register_health_routes(*router, root_.readiness());
    }
    handlers::pterodactyl::register_auth_routes(pterodactyl_routes_, deps_);
    handlers::pterodactyl::register_account_routes(pterodactyl_routes_, deps_);
    handlers::pterodactyl::register_permissions_routes(pterodactyl_routes_);
    handlers::pterodactyl::register_activity_routes(pterodactyl_routes_, deps_);
    handlers::pterodactyl::register_ssh_key_routes(pterodactyl_routes_, deps_);
    handlers::pterodactyl::register_api_key_routes(pterodactyl_routes_, deps_);
    handlers::pterodactyl::register_two_factor_routes(pterodactyl_routes_, deps_);
    handlers::pterodactyl::register_locale_routes(pterodactyl_routes_, deps_);
    if (!root_.config().pterodactyl_index_template.empty()) {
        spa_shell_.emplace(
            handlers::pterodactyl::SpaShell::from_file(root_.config().pterodactyl_index_template));
        handlers::pterodactyl::register_spa_routes(pterodactyl_routes_, deps_, *spa_shell_);
    }
    handlers::calagopus::register_auth_routes(calagopus_routes_, deps_);
    handlers::calagopus::register_account_routes(calagopus_routes_, deps_);
    handlers::calagopus::register_two_factor_routes(calagopus_routes_, deps_);
    handlers::calagopus::register_sessions_routes(calagopus_routes_, deps_);
    handlers::calagopus::register_api_key_routes(calagopus_routes_, deps_);
    handlers::calagopus::register_permissions_routes(calagopus_routes_);
    handlers::calagopus::register_ssh_key_routes(calagopus_routes_, deps_);
    handlers::calagopus::register_avatar_routes(calagopus_routes_, deps_);
    handlers::calagopus::register_activity_routes(calagopus_routes_, deps_);
    handlers::calagopus::register_public_routes(calagopus_routes_, deps_);
    handlers::eclipanel::register_auth_routes(eclipanel_routes_, deps_);
    handlers::eclipanel::register_who_am_i_route(eclipanel_routes_, deps_);
    handlers::eclipanel::register_users_routes(eclipanel_routes_, deps_);
    handlers::eclipanel::register_panel_routes(eclipanel_routes_, deps_);
    handlers::eclipanel::register_sessions_routes(eclipanel_routes_, deps_);
    handlers::eclipanel::register_two_factor_routes(eclipanel_routes_, deps_);
    handlers::eclipanel::register_api_key_routes(eclipanel_routes_, deps_);
    handlers::eclipanel::register_ssh_key_routes(eclipanel_routes_, deps_);

    dispatcher_.add_dialect(pterodactyl_, pterodactyl_routes_);
    dispatcher_.add_dialect(calagopus_, calagopus_routes_);
    dispatcher_.add_dialect(eclipanel_, eclipanel_routes_);
    if (limiter != nullptr) {
        dispatcher_.set_client_rate_limit(
            *limiter, clock, static_cast<std::uint32_t>(root_.config().client_per_minute));
    }
}

const server::Router& WorkerApp::router(config::Dialect dialect) const {
    switch (dialect) {
        case config::Dialect::calagopus:
            return calagopus_routes_;
        case config::Dialect::eclipanel:
            return eclipanel_routes_;
        case config::Dialect::pterodactyl:
            break;
    }
    return pterodactyl_routes_;
}

void WorkerApp::housekeep() {
    try {
        const auto report = root_.housekeeping().run_if_due();
        if (!report) return;
        root_.log().debug("housekeeping",
                          {{"sessions", std::to_string(report->sessions)},
                           {"pending_logins", std::to_string(report->pending_logins)},
                           {"throttle_windows", std::to_string(report->throttle_windows)},
                           {"activity", std::to_string(report->activity)}});
    } catch (const std::exception& e) {
        root_.log().warn("housekeeping.failed", {{"error", e.what()}});
    }
}

}  // namespace accountd::app
