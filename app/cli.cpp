#include "app/cli.hpp"

#include <sys/prctl.h>

#include <istream>
#include <map>
#include <optional>
#include <ostream>

#include "app/worker_app.hpp"
#include "db/migration.hpp"
#include "server/fastcgi_worker.hpp"
#include "server/hash_slots.hpp"
#include "server/process_pool.hpp"

namespace accountd::app {
namespace {

constexpr const char* kUsage =
    "usage: accountd <command> [--config PATH]\n"
    "commands:\n"
    "  serve                      run the FastCGI master and its workers\n"
    "  migrate                    apply pending schema migrations\n"
    "  user create --email E --username U [--first-name F] [--last-name L]\n"
    "              --password-stdin [--admin]    (the password is the first line of stdin)\n"
    "  check-config [--keys]      validate the configuration (--keys: list every key)\n"
    "  help, --help               print this text\n"
    "The config path defaults to $ACCOUNTD_CONFIG or /etc/accountd/accountd.conf.\n";

struct Options {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;
    std::map<std::string, bool> flags;
};

const std::map<std::string, bool>& known_options() {
    // option name -> takes a value
    static const std::map<std::string, bool> options = {
        {"--config", true},     {"--email", true},     {"--username", true},
        {"--first-name", true}, {"--last-name", true}, {"--password-stdin", false},
        {"--admin", false},     {"--keys", false},     {"--help", false},
    };
    return options;
}

std::optional<Options> parse_options(const std::vector<std::string>& args, std::ostream& err) {
    Options options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (!arg.starts_with("--")) {
            options.positional.push_back(arg);
            continue;
        }
        // A password in argv shows in `ps` to every local user and lands in shell history.
        if (arg == "--password") {
            err << "accountd: --password is not accepted (argv shows in ps and shell history); "
                   "pipe the password to --password-stdin\n";
            return std::nullopt;
        }
        const auto known = known_options().find(arg);
        if (known == known_options().end()) {
            err << "accountd: unknown option " << arg << "\n";
            return std::nullopt;
        }
        if (!known->second) {
            options.flags[arg] = true;
            continue;
        }
        if (i + 1 >= args.size()) {
            err << "accountd: " << arg << " needs a value\n";
            return std::nullopt;
        }
        options.values[arg] = args[++i];
    }
    return options;
}

// The configuration, and the files it names that workers read at start, checked here: a worker
// that could not start would only be replaced, again and again.
config::Config load_path(const std::string& path) {
    auto config = config::load_config(path, config::process_environment());
    if (!config.pterodactyl_index_template.empty()) {
        try {
            handlers::pterodactyl::SpaShell::from_file(config.pterodactyl_index_template);
        } catch (const handlers::pterodactyl::SpaShellError& e) {
            throw config::ConfigError(std::string("pterodactyl.index_template: ") + e.what());
        }
    }
    return config;
}

config::Config load(const Options& options) {
    const auto it = options.values.find("--config");
    return load_path(it != options.values.end()
                         ? it->second
                         : config::default_config_path(config::process_environment()));
}

std::string config_path(const Options& options) {
    const auto it = options.values.find("--config");
    return it != options.values.end() ? it->second
                                      : config::default_config_path(config::process_environment());
}

// A binary must not serve a schema it was not built for. An unreachable database is no reason
// to refuse to start (workers connect lazily and readiness reports it); a wrong version is.
bool schema_matches(const config::Config& config, const server::Logger& log, std::ostream& err) {
    db::Database database(config.database_url);
    try {
        db::Migrator migrator(database, db::embedded_migrations());
        const int current = migrator.current_version();
        if (current != migrator.latest_version()) {
            err << "accountd: database schema is at version " << current << ", this binary needs "
                << migrator.latest_version() << "; run `accountd migrate`\n";
            return false;
        }
    } catch (const db::DatabaseError& e) {
        log.warn("master.schema_unchecked", {{"reason", e.what()}});
    }
    return true;
}

int serve(const Options& options, std::ostream& err) {
    // No core dumps and no ptrace by other processes of the same user: a worker's memory holds
    // the server key, the pepper and, briefly, passwords. Forked workers inherit it.
    const bool undumpable = ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    config::Config config = load(options);
    const server::Logger log(server::parse_log_level(config.log_level));
    if (!undumpable) log.warn("master.dumpable", {{"reason", "prctl(PR_SET_DUMPABLE) failed"}});
    if (!schema_matches(config, log, err)) return 1;
    const auto socket =
        server::open_listen_socket(config.socket_path, config.socket_mode, config.socket_backlog);
    // Mapped (made) before the first fork, so every worker (and every replacement) shares it.
    server::RateLimiter limiter;
    const server::HashSlotFile hash_slot_file;
    const auto plan_for = [&limiter, &hash_slot_file](const config::Config& cfg) {
        server::WorkerPlan plan;
        plan.workers = cfg.effective_workers();
        plan.worker_main = [cfg, &limiter, &hash_slot_file](int fd) {
            services::SystemClock clock;
            crypto::OsRandom random;
            services::SteadyPacer pacer;
            server::HashSlots hash_slots(hash_slot_file.fd(), cfg.effective_hash_slots(),
                                         std::chrono::milliseconds(cfg.password_hash_wait_ms),
                                         pacer);
            WorkerApp app(cfg, clock, random, &limiter, &hash_slots);
            const server::Logger worker_log(server::parse_log_level(cfg.log_level));
            return server::run_fastcgi_worker(
                fd, cfg.largest_body_bytes(),
                [&app](const server::HttpRequest& request) { return app.handle(request); },
                worker_log, [&app] { app.housekeep(); });
        };
        return plan;
    };
    const std::string path = config_path(options);
    const auto reload = [&]() {
        auto next = load_path(path);
        if (next.socket_path != config.socket_path) {
            log.warn("master.reload_socket_unchanged", {{"reason", "socket path needs a restart"}});
        }
        return plan_for(next);
    };
    return server::run_master(socket, plan_for(config), reload, log);
}

int migrate(const Options& options, std::ostream& out) {
    const config::Config config = load(options);
    db::Database database(config.database_url);
    db::Migrator migrator(database, db::embedded_migrations());
    const auto report = migrator.migrate();
    for (const auto& name : report.applied)
        out << "applied " << name << "\n";
    out << "schema at version " << report.to_version << " (was " << report.from_version << ")\n";
    return 0;
}

int user_create(const Options& options, std::istream& in, std::ostream& out, std::ostream& err) {
    const auto value = [&](const char* name) {
        const auto it = options.values.find(name);
        return it == options.values.end() ? std::string() : it->second;
    };
    services::NewUser input;
    input.email = value("--email");
    input.username = value("--username");
    input.name_first = value("--first-name");
    input.name_last = value("--last-name");
    input.root_admin = options.flags.contains("--admin");
    if (options.flags.contains("--password-stdin")) {
        std::getline(in, input.password);
        if (!input.password.empty() && input.password.back() == '\r') input.password.pop_back();
    }
    if (input.email.empty() || input.username.empty() || input.password.empty()) {
        err << "accountd: user create needs --email, --username and a password on stdin "
               "(--password-stdin)\n"
            << kUsage;
        return 2;
    }
    const config::Config config = load(options);
    services::SystemClock clock;
    crypto::OsRandom random;
    ServiceRoot root(config, clock, random);
    try {
        const auto user = root.user_service().create(input);
        out << "created user " << user.id << " (" << user.uuid << ") " << user.username << "\n";
        return 0;
    } catch (const services::InvalidUser& e) {
        err << "accountd: " << e.what() << "\n";
        return 2;
    } catch (const services::DuplicateUser& e) {
        err << "accountd: " << e.what() << "\n";
        return 1;
    }
}

int check_config(const Options& options, std::ostream& out) {
    if (options.flags.contains("--keys")) {
        out << config::describe_keys();
        return 0;
    }
    const config::Config config = load(options);
    out << "ok: " << config_path(options) << " (dialect "
        << config::dialect_name(config.default_dialect) << ", " << config.effective_workers()
        << " workers, socket " << config.socket_path << ")\n";
    return 0;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err) {
    const auto options = parse_options(args, err);
    if (!options) {
        err << kUsage;
        return 2;
    }
    const auto& pos = options->positional;
    // Help wins over everything else on the line, so `accountd serve --help` starts nothing.
    if (options->flags.contains("--help") || (pos.size() == 1 && pos[0] == "help")) {
        out << kUsage;
        return 0;
    }
    try {
        if (pos.size() == 1 && pos[0] == "serve") return serve(*options, err);
        if (pos.size() == 1 && pos[0] == "migrate") return migrate(*options, out);
        if (pos.size() == 2 && pos[0] == "user" && pos[1] == "create") {
            return user_create(*options, in, out, err);
        }
        if (pos.size() == 1 && pos[0] == "check-config") return check_config(*options, out);
    } catch (const config::ConfigError& e) {
        err << "accountd: configuration error: " << e.what() << "\n";
        return 2;
    } catch (const db::SchemaAheadError& e) {
        err << "accountd: " << e.what() << "\n";
        return 1;
    } catch (const db::DatabaseError& e) {
        err << "accountd: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        err << "accountd: " << e.what() << "\n";
        return 1;
    }
    err << kUsage;
    return 2;
}

}  // namespace accountd::app
