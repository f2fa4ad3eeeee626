// The master process: pre-forked workers, respawn, rolling reload on SIGHUP, drain on SIGTERM,
// systemd socket activation, and the housekeeping a worker does between requests. Each test
// starts its own `accountd serve` on its own socket and talks FastCGI to it directly.

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;
using namespace std::chrono_literals;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::set<pid_t> children_of(pid_t parent) {
    std::set<pid_t> out;
    DIR* proc = opendir("/proc");
    while (dirent* entry = readdir(proc)) {
        const pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
        if (pid <= 0) continue;
        const std::string stat = slurp("/proc/" + std::string(entry->d_name) + "/stat");
        const auto close = stat.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream rest(stat.substr(close + 2));
        char state = 0;
        pid_t ppid = 0;
        rest >> state >> ppid;
        if (ppid == parent && state != 'Z') out.insert(pid);
    }
    closedir(proc);
    return out;
}

template <typename Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit = 20s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (pred()) return true;
        std::this_thread::sleep_for(50ms);
    }
    return pred();
}

void put_record(std::string& out, unsigned char type, const std::string& content) {
    const unsigned char header[8] = {1,
                                     type,
                                     0,
                                     1,
                                     static_cast<unsigned char>(content.size() >> 8),
                                     static_cast<unsigned char>(content.size() & 0xff),
                                     0,
                                     0};
    out.append(reinterpret_cast<const char*>(header), 8);
    out += content;
}

void put_param(std::string& out, const std::string& name, const std::string& value) {
    out.push_back(static_cast<char>(name.size()));
    out.push_back(static_cast<char>(value.size()));
    out += name + value;
}

// A FastCGI responder request (FastCGI 1.0 spec, section 5) over a unix socket; returns the
// CGI response text, or "" when the socket does not answer.
std::string fastcgi_get(const std::string& socket_path, const std::string& uri) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", socket_path.c_str());
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return "";
    }
    std::string request;
    put_record(request, 1, std::string("\0\1\0\0\0\0\0\0", 8));  // BEGIN_REQUEST, role responder
    std::string params;
    put_param(params, "REQUEST_METHOD", "GET");
    put_param(params, "DOCUMENT_URI", uri);
    put_param(params, "REMOTE_ADDR", "127.0.0.1");
    put_record(request, 4, params);
    put_record(request, 4, "");
    put_record(request, 5, "");
    (void)!::write(fd, request.data(), request.size());
    std::string raw;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
        raw.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    std::string stdout_text;
    std::size_t pos = 0;
    while (pos + 8 <= raw.size()) {
        const auto type = static_cast<unsigned char>(raw[pos + 1]);
        const std::size_t length = (static_cast<unsigned char>(raw[pos + 4]) << 8) |
                                   static_cast<unsigned char>(raw[pos + 5]);
        const std::size_t padding = static_cast<unsigned char>(raw[pos + 6]);
        if (type == 6) stdout_text += raw.substr(pos + 8, length);
        pos += 8 + length + padding;
    }
    return stdout_text;
}

struct Master {
    std::string dir;
    std::string config;
    std::string socket;
    std::string log;
    pid_t pid = -1;

    explicit Master(int workers) {
        char name[] = "/tmp/accountd-pool-XXXXXX";
        dir = mkdtemp(name);
        config = dir + "/accountd.conf";
        socket = dir + "/accountd.sock";
        log = dir + "/accountd.log";
        write_config(workers);
    }

    ~Master() {
        if (pid > 0 && ::kill(pid, 0) == 0) {
            ::kill(pid, SIGTERM);
            int status = 0;
            ::waitpid(pid, &status, 0);
        }
        std::error_code ignored;  // a destructor must not throw; a leftover temp dir is harmless
        std::filesystem::remove_all(dir, ignored);
    }

    // The stack's config with this master's own socket and worker count.
    void write_config(int workers) {
        std::string text = slurp(require_env("ACCOUNTD_TEST_CONFIG"));
        text = std::regex_replace(text, std::regex("\nsocket = [^\n]*"), "\nsocket = " + socket);
        text = std::regex_replace(text, std::regex("\nworkers = [^\n]*"),
                                  "\nworkers = " + std::to_string(workers));
        std::ofstream(config) << text;
    }

    /// `listen_fd_3`: hand the process a ready listening socket as systemd socket activation does.
    void start(bool listen_fd_3 = false) {
        int listener = -1;
        if (listen_fd_3) {
            listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
            sockaddr_un addr{};
            addr.sun_family = AF_UNIX;
            std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", socket.c_str());
            ::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
            ::listen(listener, 64);
        }
        pid = ::fork();
        if (pid == 0) {
            const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
            ::dup2(out, 1);
            ::dup2(out, 2);
            if (listen_fd_3) {
                ::dup2(listener, 3);
                ::setenv("LISTEN_PID", std::to_string(::getpid()).c_str(), 1);
                ::setenv("LISTEN_FDS", "1", 1);
            }
            const std::string binary = require_env("ACCOUNTD_TEST_BINARY");
            ::execl(binary.c_str(), binary.c_str(), "serve", "--config", config.c_str(), nullptr);
            ::_exit(127);
        }
        if (listener >= 0) ::close(listener);
    }

    bool healthy() const { return fastcgi_get(socket, "/api/health").starts_with("Status: 200"); }

    int wait_exit(std::chrono::seconds limit) {
        int status = 0;
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            const pid_t done = ::waitpid(pid, &status, WNOHANG);
            if (done == pid) {
                pid = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            std::this_thread::sleep_for(50ms);
        }
        return -1;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(process_pool)

BOOST_AUTO_TEST_CASE(the_master_prefork_the_configured_workers_and_respawns_one_that_dies) {
    Master master(2);
    master.start();
    BOOST_REQUIRE(
        eventually([&] { return children_of(master.pid).size() == 2 && master.healthy(); }));
    const auto before = children_of(master.pid);
    const pid_t victim = *before.begin();
    ::kill(victim, SIGKILL);
    BOOST_TEST(eventually([&] {
        const auto now = children_of(master.pid);
        return now.size() == 2 && !now.contains(victim);
    }));
    BOOST_TEST(master.healthy());
}

BOOST_AUTO_TEST_CASE(sighup_replaces_every_worker_and_applies_the_new_config) {
    Master master(2);
    master.start();
    BOOST_REQUIRE(
        eventually([&] { return children_of(master.pid).size() == 2 && master.healthy(); }));
    const auto before = children_of(master.pid);
    master.write_config(3);
    ::kill(master.pid, SIGHUP);
    BOOST_TEST(eventually([&] {
        const auto now = children_of(master.pid);
        if (now.size() != 3) return false;
        for (const pid_t p : now)
            if (before.contains(p)) return false;
        return true;
    }));
    BOOST_TEST(master.healthy());
}

BOOST_AUTO_TEST_CASE(sighup_with_a_broken_config_keeps_the_running_workers) {
    Master master(2);
    master.start();
    BOOST_REQUIRE(
        eventually([&] { return children_of(master.pid).size() == 2 && master.healthy(); }));
    const auto before = children_of(master.pid);
    std::ofstream(master.config) << "[server]\nworkers = plenty\n";
    ::kill(master.pid, SIGHUP);
    BOOST_TEST(eventually(
        [&] { return slurp(master.log).find("master.reload_failed") != std::string::npos; }));
    BOOST_TEST(slurp(master.log).find("server.workers") != std::string::npos);
    BOOST_TEST((children_of(master.pid) == before));
    BOOST_TEST(master.healthy());
}

BOOST_AUTO_TEST_CASE(sigterm_drains_the_workers_exits_zero_and_removes_the_socket) {
    Master master(2);
    master.start();
    BOOST_REQUIRE(
        eventually([&] { return children_of(master.pid).size() == 2 && master.healthy(); }));
    const auto workers = children_of(master.pid);
    ::kill(master.pid, SIGTERM);
    BOOST_TEST(master.wait_exit(30s) == 0);
    BOOST_TEST(::access(master.socket.c_str(), F_OK) != 0);
    for (const pid_t w : workers)
        BOOST_TEST(::kill(w, 0) != 0);
    BOOST_TEST(slurp(master.log).find("worker.drained") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(under_socket_activation_the_inherited_socket_is_used_and_left_in_place) {
    Master master(2);
    master.start(true);
    BOOST_REQUIRE(
        eventually([&] { return children_of(master.pid).size() == 2 && master.healthy(); }));
    ::kill(master.pid, SIGTERM);
    BOOST_TEST(master.wait_exit(30s) == 0);
    BOOST_TEST(::access(master.socket.c_str(), F_OK) == 0);  // systemd owns it
}

BOOST_AUTO_TEST_CASE(a_worker_deletes_expired_rows_after_its_first_answer) {
    // Old activity (one entry past the retention, one inside it) and an expired session.
    const auto t = create_user();
    auto gone = pterodactyl_session(create_user());
    const long long me = static_cast<long long>(t.user.id);
    const long long other = static_cast<long long>(gone.t.user.id);
    const int retention = Stack::get().root().config().activity_retention_days;
    BOOST_REQUIRE(retention > 0);
    Stack::get().sql() << "INSERT INTO activity_logs (event, ip, subject_user_id, properties, "
                          "created_at) VALUES ('test:too-old', '127.0.0.1', :u, '{}', "
                          "UTC_TIMESTAMP() - INTERVAL :d DAY - INTERVAL 1 HOUR), "
                          "('test:kept', '127.0.0.1', :u2, '{}', "
                          "UTC_TIMESTAMP() - INTERVAL :d2 DAY + INTERVAL 1 HOUR)",
        soci::use(me, "u"), soci::use(retention, "d"), soci::use(me, "u2"),
        soci::use(retention, "d2");
    expire_sessions(gone.t.user.id);
    const auto count = [](const std::string& sql, long long id) {
        int n = 0;
        Stack::get().sql() << sql, soci::use(id), soci::into(n);
        return n;
    };

    // One worker: its housekeeping runs after its first answer, and it takes the next request
    // only when that is done, so the second answer proves the run has finished.
    Master master(1);
    master.start();
    BOOST_REQUIRE(eventually([&] { return master.healthy(); }));
    BOOST_REQUIRE(master.healthy());
    BOOST_TEST(count("SELECT COUNT(*) FROM activity_logs WHERE subject_user_id = :u AND "
                     "event = 'test:too-old'",
                     me) == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM activity_logs WHERE subject_user_id = :u AND "
                     "event = 'test:kept'",
                     me) == 1);
    BOOST_TEST(count("SELECT COUNT(*) FROM sessions WHERE user_id = :u", other) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
