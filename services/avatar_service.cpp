#include "services/avatar_service.hpp"

#include <fstream>
#include <stdexcept>

#include "media/avatar_image.hpp"

namespace accountd::services {

std::string AvatarService::replace(const User& user, std::string_view upload) {
    const std::string webp = media::make_avatar_webp(upload);
    std::string path =
        "avatars/" + user.uuid + "/" + crypto::random_alphanumeric(random_, 8) + ".webp";
    const auto file = directory_ / path;
    std::filesystem::create_directories(file.parent_path());
    // Written aside and renamed, so nginx never serves half a file.
    auto partial = file;
    partial += ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out.write(webp.data(), static_cast<std::streamsize>(webp.size()));
        out.close();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            throw std::runtime_error("avatar file not written");
        }
    }
    std::filesystem::rename(partial, file);
    const auto previous = users_.replace_avatar(user.id, path, clock_.now());
    if (previous && *previous != path) delete_file(*previous);
    return path;
}

bool AvatarService::remove(const User& user) {
    const auto previous = users_.replace_avatar(user.id, std::nullopt, clock_.now());
    if (!previous) return false;
    delete_file(*previous);
    return true;
}

void AvatarService::delete_file(const std::string& path) const {
    // Only a path of the form this service writes is removed: the column is ours, but a path
    // leading out of the directory must never become a deletion.
    if (!path.starts_with("avatars/") || path.find("..") != std::string::npos) return;
    std::error_code ignored;  // already gone is as good as removed
    std::filesystem::remove(directory_ / path, ignored);
}

}  // namespace accountd::services
