#include "server/fastcgi_worker.hpp"

#include <fcgiapp.h>
#include <signal.h>

#include <string>
#include <utility>
#include <vector>

namespace accountd::server {
namespace {

void request_shutdown(int /*signal*/) {
    FCGX_ShutdownPending();
}

void install_worker_signals() {
    struct sigaction action {};
    action.sa_handler = request_shutdown;
    sigemptyset(&action.sa_mask);
    // No SA_RESTART: a worker blocked in accept() must wake up and see the shutdown flag.
    action.sa_flags = 0;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, nullptr);
    sigaction(SIGHUP, &ignore, nullptr);
}

std::vector<std::pair<std::string, std::string>> read_params(FCGX_ParamArray envp) {
    std::vector<std::pair<std::string, std::string>> params;
    for (; envp != nullptr && *envp != nullptr; ++envp) {
        const std::string_view entry(*envp);
        const auto eq = entry.find('=');
        if (eq == std::string_view::npos) continue;
        params.emplace_back(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
    }
    return params;
}

void read_body(FCGX_Stream* in, HttpRequest& request, std::size_t max_body_bytes) {
    const std::size_t declared = request.content_length.value_or(0);
    char buffer[16384];
    if (declared > max_body_bytes) {
        // Drain without keeping it, so nginx is not cut off mid-upload and sees our 413.
        while (FCGX_GetStr(buffer, sizeof buffer, in) > 0) {
        }
        return;
    }
    request.body.reserve(declared);
    while (request.body.size() < declared) {
        const int got = FCGX_GetStr(
            buffer, static_cast<int>(std::min(sizeof buffer, declared - request.body.size())), in);
        if (got <= 0) break;
        request.body.append(buffer, static_cast<std::size_t>(got));
    }
}

}  // namespace

int run_fastcgi_worker(int listen_fd, std::size_t max_body_bytes, const RequestHandler& handler,
                       const Logger& log, const std::function<void()>& between_requests) {
    install_worker_signals();
    FCGX_Request fcgi;
    FCGX_InitRequest(&fcgi, listen_fd, 0);
    log.info("worker.ready");
    while (FCGX_Accept_r(&fcgi) >= 0) {
        HttpRequest request = request_from_params(read_params(fcgi.envp));
        read_body(fcgi.in, request, max_body_bytes);
        const std::string out = handler(request).serialize();
        FCGX_PutStr(out.data(), static_cast<int>(out.size()), fcgi.out);
        FCGX_Finish_r(&fcgi);
        if (between_requests) between_requests();
    }
    FCGX_Free(&fcgi, 0);
    log.info("worker.drained");
    return 0;
}

}  // namespace accountd::server
