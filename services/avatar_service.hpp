#pragma once
// The account's avatar, one for every dialect: an upload becomes a 512x512 WebP file stored
// under the avatar directory as avatars/<user uuid>/<8 alphanumerics>.webp (a new name each
// time, so no cache serves a replaced image), its path on the user row, the replaced file
// removed.

#include <filesystem>
#include <string>
#include <string_view>

#include "crypto/random.hpp"
#include "services/clock.hpp"
#include "services/user_repository.hpp"

namespace accountd::services {

class AvatarService {
  public:
    AvatarService(UserRepository& users, crypto::RandomSource& random, const Clock& clock,
                  std::filesystem::path directory)
        : users_(users), random_(random), clock_(clock), directory_(std::move(directory)) {}

    /// Makes `upload` the user's avatar and returns its path. Throws media::InvalidAvatar for an
    /// upload that is no avatar (nothing is stored then), std::runtime_error when the file cannot
    /// be written.
    std::string replace(const User& user, std::string_view upload);

    /// Removes the user's avatar; false when there was none.
    bool remove(const User& user);

  private:
    void delete_file(const std::string& path) const;

    UserRepository& users_;
    crypto::RandomSource& random_;
    const Clock& clock_;
    std::filesystem::path directory_;
};

}  // namespace accountd::services
