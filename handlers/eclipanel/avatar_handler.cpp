#include "handlers/eclipanel/avatar_handler.hpp"

#include <algorithm>

#include "handlers/eclipanel/rate_limit.hpp"
#include "handlers/eclipanel/refusal.hpp"
#include "handlers/eclipanel/user_target.hpp"
#include "media/avatar_image.hpp"
#include "server/multipart.hpp"
#include "services/avatar_service.hpp"

namespace accountd::handlers::eclipanel {
namespace {

[[noreturn]] void refuse_image(media::InvalidAvatar::Reason reason) {
    switch (reason) {
        case media::InvalidAvatar::Reason::empty:
            refuse(400, "No file uploaded");
        case media::InvalidAvatar::Reason::format:
            refuse(400, "Invalid file type. Allowed: png, jpeg, webp, gif");
        case media::InvalidAvatar::Reason::undecodable:
            refuse(400, "Invalid image file");
        case media::InvalidAvatar::Reason::resolution:
            break;
    }
    refuse(400, "Image dimensions must be between 64 and 4096 pixels");
}

server::HttpResponse upload_avatar(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto target = find_target(deps, ctx);
    spend_limit(
        deps, "avatar-update:user:" + std::to_string(ctx.caller().user.id) + ":ip:" + ctx.client_ip,
        deps.config.eclipanel_avatar_limit);
    std::vector<server::MultipartPart> parts;
    try {
        parts = server::parse_multipart(ctx.request.header("content-type"), ctx.request.body);
    } catch (const server::InvalidMultipart&) {
        refuse(400, "Invalid multipart body");
    }
    const auto file = std::find_if(parts.begin(), parts.end(),
                                   [](const auto& part) { return part.name == "file"; });
    if (file == parts.end() || file->filename.empty()) refuse(400, "No file uploaded");
    std::string path;
    try {
        services::AvatarService avatars(deps.users, deps.random, deps.clock,
                                        deps.config.avatar_directory);
        path = avatars.replace(target, file->data);
    } catch (const media::InvalidAvatar& e) {
        refuse_image(e.reason());
    }
    const auto url = avatar_public_url(deps.config, path);
    record_user_activity(deps, ctx, target.id, "user:account.avatar-update", {{"avatar", url}});
    return server::HttpResponse::json(200, {{"success", true}, {"url", url}});
}

}  // namespace

void register_avatar_routes(server::Router& router, const HandlerDeps& deps) {
    router.add(
        {.method = "POST",
         .pattern = kAvatarPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::all,
         .handler = [&deps](server::RequestContext& ctx) { return upload_avatar(deps, ctx); },
         .key_permission = "account:avatar",
         .others_permission = "users:write",
         .max_body_bytes = deps.config.avatar_max_bytes});
}

}  // namespace accountd::handlers::eclipanel
