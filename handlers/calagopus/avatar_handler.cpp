#include "handlers/calagopus/avatar_handler.hpp"

#include "handlers/calagopus/refusal.hpp"
#include "handlers/calagopus/user_json.hpp"
#include "handlers/common/account_activity.hpp"
#include "media/avatar_image.hpp"
#include "services/avatar_service.hpp"

namespace accountd::handlers::calagopus {
namespace {

services::AvatarService avatars(const HandlerDeps& deps) {
    return {deps.users, deps.random, deps.clock, deps.config.avatar_directory};
}

// Calagopus' messages, in its check order (the key's account.avatar is the route's).
[[noreturn]] void refuse_image(media::InvalidAvatar::Reason reason) {
    switch (reason) {
        case media::InvalidAvatar::Reason::empty:
            refuse(400, "image: payload cannot be empty");
        case media::InvalidAvatar::Reason::format:
            refuse(400, "image: only PNG, JPEG, WebP, and GIF formats are allowed");
        case media::InvalidAvatar::Reason::undecodable:
            refuse(400, "image: unable to decode");
        case media::InvalidAvatar::Reason::resolution:
            break;
    }
    refuse(400,
           "image: invalid resolution, dimensions must not be smaller than 64px and must not "
           "exceed 4096px");
}

server::HttpResponse upload_avatar(const HandlerDeps& deps, server::RequestContext& ctx) {
    std::string path;
    try {
        path = avatars(deps).replace(ctx.caller().user, ctx.request.body);
    } catch (const media::InvalidAvatar& e) {
        refuse_image(e.reason());
    }
    const auto url = avatar_url(deps.config, path);
    record_own_activity(deps, ctx, "user:account.avatar-update", {{"avatar", url}});
    return server::HttpResponse::json(200, {{"avatar", url}});
}

server::HttpResponse delete_avatar(const HandlerDeps& deps, server::RequestContext& ctx) {
    if (!avatars(deps).remove(ctx.caller().user)) refuse(400, "no avatar to delete");
    record_own_activity(deps, ctx, "user:account.avatar-delete");
    return server::HttpResponse::json(200, nlohmann::ordered_json::object());
}

}  // namespace

void register_avatar_routes(server::Router& router, const HandlerDeps& deps) {
    router.add(
        {.method = "PUT",
         .pattern = kAvatarPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::all,
         .handler = [&deps](server::RequestContext& ctx) { return upload_avatar(deps, ctx); },
         .key_permission = "account.avatar",
         .max_body_bytes = deps.config.avatar_max_bytes});
    router.add(
        {.method = "DELETE",
         .pattern = kAvatarPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::all,
         .handler = [&deps](server::RequestContext& ctx) { return delete_avatar(deps, ctx); },
         .key_permission = "account.avatar"});
}

}  // namespace accountd::handlers::calagopus
