#pragma once
// Everything one worker process serves with: the service root, the three dialect adapters with
// their route tables, and the dispatch chain.

#include <memory>
#include <optional>

#include "app/service_root.hpp"
#include "handlers/calagopus/calagopus_dialect.hpp"
#include "handlers/common/handler_deps.hpp"
#include "handlers/eclipanel/eclipanel_dialect.hpp"
#include "handlers/pterodactyl/pterodactyl_dialect.hpp"
#include "handlers/pterodactyl/spa_shell.hpp"
#include "server/dispatcher.hpp"
#include "server/router.hpp"

namespace accountd::app {

class WorkerApp {
  public:
    /// `limiter` (may be null) is the master's shared request budget table; `hash_gate` (may be
    /// null) the host's ceiling on password hashes.
    WorkerApp(config::Config config, const services::Clock& clock, crypto::RandomSource& random,
              server::RateLimiter* limiter = nullptr, crypto::HashGate* hash_gate = nullptr);
    WorkerApp(const WorkerApp&) = delete;
    WorkerApp& operator=(const WorkerApp&) = delete;

    server::HttpResponse handle(const server::HttpRequest& request) const {
        return dispatcher_.handle(request);
    }
    ServiceRoot& root() { return root_; }
    /// The routes `dialect` serves.
    const server::Router& router(config::Dialect dialect) const;
    /// Deletes expired rows when this worker's housekeeping is due (services/housekeeping.hpp).
    /// Never throws: a failure is logged and the next run tries again.
    void housekeep();

  private:
    ServiceRoot root_;
    handlers::HandlerDeps deps_;
    handlers::pterodactyl::PterodactylDialect pterodactyl_;
    handlers::calagopus::CalagopusDialect calagopus_;
    handlers::eclipanel::EclipanelDialect eclipanel_;
    /// The SPA's page, read once at start (a reload starts new workers that read it again).
    std::optional<handlers::pterodactyl::SpaShell> spa_shell_;
    server::Router pterodactyl_routes_;
    server::Router calagopus_routes_;
    server::Router eclipanel_routes_;
    server::Dispatcher dispatcher_;
};

}  // namespace accountd::app
