#include "handlers/common/health_handler.hpp"

namespace accountd::handlers {

void register_health_routes(server::Router& router, services::Readiness& readiness) {
    router.add({"GET", kHealthPath, server::AuthRequirement::none, server::Gates::all,
                [](server::RequestContext&) {
                    return server::HttpResponse::json(200, {{"status", "ok"}});
                }});
    router.add({"GET", kReadyPath, server::AuthRequirement::none, server::Gates::all,
                [&readiness](server::RequestContext&) {
                    if (readiness.ready()) {
                        return server::HttpResponse::json(200, {{"status", "ready"}});
                    }
                    return server::HttpResponse::json(
                        503, {{"status", "unavailable"}, {"database", "unreachable"}});
                }});
}

}  // namespace accountd::handlers
