#include "handlers/calagopus/sessions_handler.hpp"

#include <cctype>

#include "handlers/calagopus/pagination.hpp"
#include "handlers/calagopus/refusal.hpp"
#include "handlers/common/account_activity.hpp"
#include "handlers/common/time_format.hpp"

namespace accountd::handlers::calagopus {
namespace {

nlohmann::ordered_json session_json(const services::Session& s, const server::Principal& caller) {
    return {
        {"uuid", s.public_id},
        {"ip", s.ip},
        {"user_agent", s.user_agent},
        // Only a session can be "in use"; a key caller's answer has none.
        {"is_using", caller.session.has_value() && caller.session->id == s.id},
        {"last_used", rfc3339_z(s.last_used_at)},
        {"created", rfc3339_z(s.created_at)},
    };
}

// A UUID as Calagopus' path extractor accepts it (any case); lowercased, as public ids are stored.
std::optional<std::string> uuid_param(const std::string& text) {
    if (text.size() != 36) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !std::isxdigit(c)) return std::nullopt;
        out.push_back(static_cast<char>(std::tolower(c)));
    }
    return out;
}

server::HttpResponse list_sessions(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto page_request = read_page_request(ctx.request);
    const auto& caller = ctx.caller();
    const auto page = deps.sessions.list_for_user(caller.user.id, page_request.offset(),
                                                  page_request.limit(), page_request.search);
    auto data = nlohmann::ordered_json::array();
    for (const auto& s : page.sessions)
        data.push_back(session_json(s, caller));
    return server::HttpResponse::json(
        200, {{"sessions", page_json(page.total, page_request, std::move(data))}});
}

server::HttpResponse delete_session(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& caller = ctx.caller();
    const auto id = uuid_param(ctx.params.at("uuid"));
    // Someone else's session answers exactly like a missing one.
    const auto ended = id ? deps.sessions.end_owned_session(*id, caller.user.id) : std::nullopt;
    if (!ended) refuse(404, "session not found");
    record_own_activity(
        deps, ctx, "user:session.delete",
        {{"uuid", ended->public_id}, {"user_agent", ended->user_agent}, {"ip", ended->ip}});
    return server::HttpResponse::json(200, nlohmann::ordered_json::object());
}

server::HttpResponse delete_other_sessions(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto& caller = ctx.caller();
    // A key caller has no session of its own to keep: every session goes.
    std::optional<std::uint64_t> keep;
    if (caller.session) keep = caller.session->id;
    const auto deleted = deps.sessions.end_all_except(caller.user.id, keep);
    record_own_activity(deps, ctx, "user:session.delete-all", {{"deleted", deleted}});
    return server::HttpResponse::json(200, {{"deleted", deleted}});
}

}  // namespace

void register_sessions_routes(server::Router& router, const HandlerDeps& deps) {
    const auto key = server::AuthRequirement::session_or_key;
    router.add(
        {.method = "GET",
         .pattern = kSessionsPath,
         .auth = key,
         .handler = [&deps](server::RequestContext& ctx) { return list_sessions(deps, ctx); },
         .key_permission = "sessions.read"});
    router.add(
        {.method = "DELETE",
         .pattern = kSessionsPath,
         .auth = key,
         .handler =
             [&deps](server::RequestContext& ctx) { return delete_other_sessions(deps, ctx); },
         .key_permission = "sessions.delete"});
    router.add(
        {.method = "DELETE",
         .pattern = kSessionPath,
         .auth = key,
         .handler = [&deps](server::RequestContext& ctx) { return delete_session(deps, ctx); },
         .key_permission = "sessions.delete"});
}

}  // namespace accountd::handlers::calagopus
