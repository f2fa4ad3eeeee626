#include "handlers/common/health_handler.hpp"

namespace accountd::handlers {

void register_health_routes(server::Router& router, db::Database& database) {
    router.add({"GET", kHealthPath, server::AuthRequirement::none, server::Gates::all,
                [](server::RequestContext&) {
                    return server::HttpResponse::json(200, {{"status", "ok"}});
                }});
    router.add({"GET", kReadyPath, server::AuthRequirement::none, server::Gates::all,
                [&database](server::RequestContext&) {
                    if (database.ping()) {
                        return server::HttpResponse::json(200, {{"status", "ready"}});
                    }
                    return server::HttpResponse::json(
                        503, {{"status", "unavailable"}, {"database", "unreachable"}});
                }});
}

}  // namespace accountd::handlers
