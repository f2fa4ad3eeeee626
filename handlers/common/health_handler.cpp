#include "handlers/common/health_handler.hpp"

namespace accountd::handlers {

void register_health_routes(server::Router& router, services::Readiness& readiness) {
    router.add({.method = "GET",
                .pattern = kHealthPath,
                .auth = server::AuthRequirement::none,
                .gates = server::Gates::all,
                .handler = [](server::RequestContext&) {
                    return server::HttpResponse::json(200, {{"status", "ok"}});
                }});
    router.add({.method = "GET",
                .pattern = kReadyPath,
                .auth = server::AuthRequirement::none,
                .gates = server::Gates::all,
                .handler = [&readiness](server::RequestContext&) {
                    if (readiness.ready()) {
                        return server::HttpResponse::json(200, {{"status", "ready"}});
                    }
                    return server::HttpResponse::json(
                        503, {{"status", "unavailable"}, {"database", "unreachable"}});
                }});
}

}  // namespace accountd::handlers
