#pragma once
// The master process: owns the listening socket, pre-forks workers like PHP-FPM, respawns a
// worker that dies, drains on SIGTERM/SIGINT and replaces workers one at a time on SIGHUP.

#include <functional>
#include <string>

#include "server/logger.hpp"

namespace accountd::server {

struct ListenSocket {
    int fd = -1;
    bool from_systemd = false;  ///< socket activation: systemd owns the file, we must not unlink
    std::string path;
};

/// Takes the socket from systemd (LISTEN_PID/LISTEN_FDS, fd 3) or creates the unix socket at
/// `path` with `mode`, replacing a stale file. Throws std::runtime_error.
ListenSocket open_listen_socket(const std::string& path, unsigned mode, int backlog);

/// What a SIGHUP yields: the new worker count and entry point, or an exception (ConfigError)
/// which keeps the old ones.
struct WorkerPlan {
    int workers = 1;
    /// Runs in the forked child; its return value is the child's exit code.
    std::function<int(int listen_fd)> worker_main;
};

/// Runs the master loop until SIGTERM/SIGINT; returns the exit code. `reload` is called on
/// SIGHUP to build the next plan.
int run_master(const ListenSocket& socket, WorkerPlan plan,
               const std::function<WorkerPlan()>& reload, const Logger& log);

}  // namespace accountd::server
