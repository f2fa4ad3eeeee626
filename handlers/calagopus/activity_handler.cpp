#include "handlers/calagopus/activity_handler.hpp"

#include "handlers/calagopus/activity_names.hpp"
#include "handlers/calagopus/api_user_json.hpp"
#include "handlers/calagopus/pagination.hpp"
#include "handlers/common/time_format.hpp"

namespace accountd::handlers::calagopus {
namespace {

// ApiUserActivity. Impersonation is not supported, so there is never an impersonator. Later
// frontends also want `user` (who acted), present even when null.
nlohmann::ordered_json activity_json(const services::ActivityEntry& entry,
                                     const config::Config& config) {
    auto data = nlohmann::ordered_json::parse(entry.properties_json, nullptr, false);
    if (data.is_discarded()) data = nlohmann::ordered_json::object();
    return {
        {"user",
         entry.actor ? api_user_json(*entry.actor, config) : nlohmann::ordered_json(nullptr)},
        {"impersonator", nullptr},
        {"event", calagopus_event_name(entry.event)},
        {"ip",
         entry.ip.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(entry.ip)},
        {"data", std::move(data)},
        {"is_api", entry.api_key_id.has_value()},
        {"created", rfc3339_z(entry.created_at)},
    };
}

server::HttpResponse list_activity(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto page = read_page_request(ctx.request);
    services::ActivityQuery query;
    query.subject_user_id = ctx.caller().user.id;
    query.newest_first = true;
    query.limit = page.limit();
    query.offset = page.offset();
    if (page.search) match_calagopus_name(query, *page.search);
    const auto result = deps.activity.list(query);
    nlohmann::ordered_json data = nlohmann::ordered_json::array();
    for (const auto& entry : result.entries)
        data.push_back(activity_json(entry, deps.config));
    return server::HttpResponse::json(
        200, {{"activities", page_json(result.total, page, std::move(data))}});
}

}  // namespace

void register_activity_routes(server::Router& router, const HandlerDeps& deps) {
    router.add(
        {.method = "GET",
         .pattern = kActivityPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::all,
         .handler = [&deps](server::RequestContext& ctx) { return list_activity(deps, ctx); },
         .key_permission = "activity.read"});
}

}  // namespace accountd::handlers::calagopus
