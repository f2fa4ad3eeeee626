#pragma once
// The worker loop: accept a FastCGI request on the shared listening socket, turn it into an
// HttpRequest, let the application answer, write the answer back. One request at a time.

#include <cstddef>
#include <functional>

#include "server/http_request.hpp"
#include "server/http_response.hpp"
#include "server/logger.hpp"

namespace accountd::server {

using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;

/// Serves on `listen_fd` until SIGTERM/SIGINT (installed here) asks it to drain; the request in
/// progress is finished first. Bodies over `max_body_bytes` are not buffered. `between_requests`
/// (if set) runs after each answer has been handed to the web server, so its work never delays
/// a response. Returns 0.
int run_fastcgi_worker(int listen_fd, std::size_t max_body_bytes, const RequestHandler& handler,
                       const Logger& log, const std::function<void()>& between_requests = {});

}  // namespace accountd::server
