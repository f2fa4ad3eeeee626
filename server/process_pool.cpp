#include "server/process_pool.hpp"

#include <fcgiapp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <thread>
#include <vector>

namespace accountd::server {
namespace {

// A signal handler can only talk to the loop through flags like these; they are the one piece
// of process-wide mutable state, and only the master's handlers write them.
volatile sig_atomic_t g_terminate = 0;
volatile sig_atomic_t g_reload = 0;

void on_terminate(int /*signal*/) {
    g_terminate = 1;
}
void on_reload(int /*signal*/) {
    g_reload = 1;
}

void set_handler(int signal, void (*handler)(int)) {
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    // No SA_RESTART: waitpid() must return EINTR so the loop sees the flag (glibc's signal()
    // would restart it and the master would never notice SIGTERM).
    action.sa_flags = 0;
    sigaction(signal, &action, nullptr);
}

using Clock = std::chrono::steady_clock;

class Pool {
  public:
    Pool(const ListenSocket& socket, WorkerPlan plan, const Logger& log)
        : socket_(socket), plan_(std::move(plan)), log_(log) {}

    bool spawn() {
        const pid_t pid = fork();
        if (pid < 0) {
            log_.error("master.fork_failed", {{"errno", std::to_string(errno)}});
            return false;
        }
        if (pid == 0) {
            set_handler(SIGTERM, SIG_DFL);
            set_handler(SIGINT, SIG_DFL);
            set_handler(SIGHUP, SIG_DFL);
            int rc = 1;
            try {
                rc = plan_.worker_main(socket_.fd);
            } catch (const std::exception&) {
                log_.error("worker.crashed");
            }
            std::exit(rc);
        }
        workers_[pid] = Clock::now();
        return true;
    }

    void fill() {
        while (static_cast<int>(workers_.size()) < plan_.workers && !g_terminate) {
            if (!spawn()) {
                // Out of processes or memory: try again after a pause instead of spinning.
                std::this_thread::sleep_for(std::chrono::seconds(1));
                return;
            }
        }
    }

    void reap(pid_t pid, int status) {
        const auto it = workers_.find(pid);
        if (it == workers_.end()) return;
        const bool died_young = Clock::now() - it->second < std::chrono::seconds(1);
        workers_.erase(it);
        if (g_terminate) return;
        log_.warn("master.worker_exited",
                  {{"worker", std::to_string(pid)}, {"status", std::to_string(status)}});
        // A worker that dies at once (bad config, no memory) must not turn into a fork loop.
        if (died_young) std::this_thread::sleep_for(std::chrono::seconds(1));
        fill();
    }

    void replace_all(WorkerPlan next) {
        plan_ = std::move(next);
        std::vector<pid_t> old;
        for (const auto& [pid, started] : workers_)
            old.push_back(pid);
        for (const pid_t pid : old) {
            if (g_terminate) return;
            spawn();
            kill(pid, SIGTERM);
            int status = 0;
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR && !g_terminate) {
            }
            workers_.erase(pid);
        }
        while (static_cast<int>(workers_.size()) > plan_.workers) {
            const pid_t pid = workers_.begin()->first;
            kill(pid, SIGTERM);
            int status = 0;
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            workers_.erase(pid);
        }
        fill();
        log_.info("master.reloaded", {{"workers", std::to_string(workers_.size())}});
    }

    void drain(std::chrono::seconds grace) {
        for (const auto& [pid, started] : workers_)
            kill(pid, SIGTERM);
        const auto deadline = Clock::now() + grace;
        while (!workers_.empty()) {
            int status = 0;
            const pid_t pid = waitpid(-1, &status, WNOHANG);
            if (pid > 0) {
                workers_.erase(pid);
                continue;
            }
            if (pid < 0 && errno == ECHILD) break;
            if (Clock::now() > deadline) {
                for (const auto& [p, started] : workers_)
                    kill(p, SIGKILL);
                log_.warn("master.drain_timeout");
                while (waitpid(-1, &status, 0) > 0) {
                }
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        workers_.clear();
    }

    std::size_t size() const { return workers_.size(); }

  private:
    const ListenSocket& socket_;
    WorkerPlan plan_;
    const Logger& log_;
    std::map<pid_t, Clock::time_point> workers_;
};

}  // namespace

ListenSocket open_listen_socket(const std::string& path, unsigned mode, int backlog) {
    FCGX_Init();
    ListenSocket socket;
    socket.path = path;
    // sd_listen_fds(3) protocol, without linking libsystemd: fds start at 3.
    const char* listen_pid = std::getenv("LISTEN_PID");  // NOLINT(concurrency-mt-unsafe)
    const char* listen_fds = std::getenv("LISTEN_FDS");  // NOLINT(concurrency-mt-unsafe)
    if (listen_pid != nullptr && listen_fds != nullptr &&
        std::strtol(listen_pid, nullptr, 10) == getpid() &&
        std::strtol(listen_fds, nullptr, 10) >= 1) {
        socket.fd = 3;
        socket.from_systemd = true;
        unsetenv("LISTEN_PID");      // NOLINT(concurrency-mt-unsafe)
        unsetenv("LISTEN_FDS");      // NOLINT(concurrency-mt-unsafe)
        unsetenv("LISTEN_FDNAMES");  // NOLINT(concurrency-mt-unsafe)
        return socket;
    }
    struct stat st {};
    if (lstat(path.c_str(), &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) throw std::runtime_error(path + " exists and is not a socket");
        unlink(path.c_str());
    }
    socket.fd = FCGX_OpenSocket(path.c_str(), backlog);
    if (socket.fd < 0) throw std::runtime_error("cannot listen on " + path);
    if (chmod(path.c_str(), mode) != 0) throw std::runtime_error("cannot chmod " + path);
    return socket;
}

int run_master(const ListenSocket& socket, WorkerPlan plan,
               const std::function<WorkerPlan()>& reload, const Logger& log) {
    g_terminate = 0;
    g_reload = 0;
    set_handler(SIGTERM, on_terminate);
    set_handler(SIGINT, on_terminate);
    set_handler(SIGHUP, on_reload);
    set_handler(SIGPIPE, SIG_IGN);

    Pool pool(socket, std::move(plan), log);
    pool.fill();
    log.info("master.ready", {{"workers", std::to_string(pool.size())}, {"socket", socket.path}});
    while (!g_terminate) {
        int status = 0;
        const pid_t pid = waitpid(-1, &status, 0);
        if (pid > 0) pool.reap(pid, status);
        if (g_reload && !g_terminate) {
            g_reload = 0;
            try {
                pool.replace_all(reload());
            } catch (const std::exception& e) {
                // Config errors name the key; the old workers keep serving.
                log.error("master.reload_failed", {{"reason", e.what()}});
            }
        }
        if (pid < 0 && errno == ECHILD) pool.fill();
    }
    log.info("master.draining", {{"workers", std::to_string(pool.size())}});
    pool.drain(std::chrono::seconds(30));
    if (!socket.from_systemd) unlink(socket.path.c_str());
    log.info("master.stopped");
    return 0;
}

}  // namespace accountd::server
