#include "handlers/eclipanel/sessions_handler.hpp"

#include <algorithm>
#include <charconv>

#include "handlers/common/account_activity.hpp"
#include "handlers/eclipanel/auth_handler.hpp"
#include "handlers/eclipanel/refusal.hpp"
#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::eclipanel {
namespace {

using server::ApiError;
using server::ErrorCode;

// The most session ids one answer lists (EcliPanel keeps 20 per user; ours end by expiry, so
// a live list is short, but one account must not make the answer unbounded).
constexpr std::uint32_t kPage = 100;
constexpr std::uint32_t kMostListed = 1000;

// §3.3's rule, checked before the user is looked up: someone else's id is 403 whether that
// user exists or not, so the answer tells nothing about other accounts.
std::uint64_t permitted_user(const server::RequestContext& ctx, long long user_id) {
    if (user_id <= 0 || !ctx.may_act_for(static_cast<std::uint64_t>(user_id))) {
        throw ApiError(ErrorCode::forbidden, "sessions of another user");
    }
    return static_cast<std::uint64_t>(user_id);
}

// An id in the path as EcliPanel reads it (Number(...)): digits only here; anything else is
// NaN there, which only an admin gets past (to "User not found").
long long path_user_id(const server::RequestContext& ctx) {
    const auto& text = ctx.params.at("userId");
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0) {
        if (ctx.acts_for_others) refuse(404, "User not found");
        throw ApiError(ErrorCode::forbidden, "no user id");
    }
    return value;
}

void require_user(const HandlerDeps& deps, const server::RequestContext& ctx, std::uint64_t id,
                  const char* message) {
    if (ctx.caller().user.id != id && !deps.users.find_by_id(id)) refuse(404, message);
}

// The session ids of every dialect (Pterodactyl and Calagopus sessions too), oldest first as
// EcliPanel's list is: the frontend marks the one equal to /api/auth/session's sessionId.
server::HttpResponse list_sessions(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto user_id = permitted_user(ctx, path_user_id(ctx));
    require_user(deps, ctx, user_id, "User not found");
    auto ids = nlohmann::ordered_json::array();
    std::vector<std::string> newest_first;
    for (std::uint64_t offset = 0; offset < kMostListed; offset += kPage) {
        const auto page = deps.sessions.list_for_user(user_id, offset, kPage, std::nullopt);
        for (const auto& s : page.sessions)
            newest_first.push_back(s.public_id);
        if (page.sessions.size() < kPage || offset + kPage >= page.total) break;
    }
    std::reverse(newest_first.begin(), newest_first.end());
    for (auto& id : newest_first)
        ids.push_back(std::move(id));
    return server::HttpResponse::json(200, {{"sessions", std::move(ids)}});
}

// Body {userId, sessionId}: ends one session of that user, in whichever dialect issued it. An
// unknown session id, or someone else's, still answers success, as EcliPanel does, so ids
// cannot be probed.
server::HttpResponse logout_session(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx);
    const long long requested = server::required_integer(body, "userId");
    const std::string session_id = server::required_string(body, "sessionId");
    const auto user_id = permitted_user(ctx, requested);
    require_user(deps, ctx, user_id, "User or session not found");
    const auto& caller = ctx.caller();
    auto response = server::HttpResponse::json(200, {{"success", true}});
    if (const auto ended = deps.sessions.end_owned_session(session_id, user_id)) {
        if (user_id == caller.user.id) {
            record_own_activity(
                deps, ctx, "user:session.delete",
                {{"uuid", ended->public_id}, {"user_agent", ended->user_agent}, {"ip", ended->ip}});
        }
        if (caller.session && caller.session->id == ended->id) {
            response.set_cookie(expired_token_cookie(deps));
        }
    }
    return response;
}

// Body {userId}: ends every session of that user in every dialect, the caller's own included
// (EcliPanel's behaviour, kept: see the README's EcliPanel section).
server::HttpResponse logout_all(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto body = server::parse_json_object(ctx);
    const auto user_id = permitted_user(ctx, server::required_integer(body, "userId"));
    require_user(deps, ctx, user_id, "User not found");
    const auto& caller = ctx.caller();
    const auto deleted = deps.sessions.end_all_except(user_id, std::nullopt);
    if (user_id == caller.user.id) {
        record_own_activity(deps, ctx, "user:session.delete-all", {{"deleted", deleted}});
    }
    auto response = server::HttpResponse::json(200, {{"success", true}});
    if (caller.session && caller.session->user_id == user_id) {
        response.set_cookie(expired_token_cookie(deps));
    }
    return response;
}

}  // namespace

void register_sessions_routes(server::Router& router, const HandlerDeps& deps) {
    // Browser sessions only: ending sessions is the account owner's (or an admin's) business
    // from the panel, not an automation's.
    router.add(
        {.method = "GET",
         .pattern = kSessionListPath,
         .auth = server::AuthRequirement::session,
         .handler = [&deps](server::RequestContext& ctx) { return list_sessions(deps, ctx); },
         .others_permission = "admin:access"});
    router.add(
        {.method = "POST",
         .pattern = kSessionLogoutPath,
         .auth = server::AuthRequirement::session,
         .handler = [&deps](server::RequestContext& ctx) { return logout_session(deps, ctx); },
         .others_permission = "admin:access"});
    router.add({.method = "POST",
                .pattern = kSessionLogoutAllPath,
                .auth = server::AuthRequirement::session,
                .handler = [&deps](server::RequestContext& ctx) { return logout_all(deps, ctx); },
                .others_permission = "admin:access"});
}

}  // namespace accountd::handlers::eclipanel
