#pragma once
// An uploaded avatar made into what is stored: a PNG, JPEG, WebP or GIF (recognised by its first
// bytes, never by what the client declares), 64-4096 px each way, cropped to its centre and
// scaled to 512x512, saved as lossless WebP. libvips does the decoding; only the four loaders
// above are ever asked to read client bytes.

#include <stdexcept>
#include <string>
#include <string_view>

namespace accountd::media {

inline constexpr int kAvatarMinSide = 64;
inline constexpr int kAvatarMaxSide = 4096;
inline constexpr int kAvatarSide = 512;

/// Why an upload is no avatar.
class InvalidAvatar : public std::runtime_error {
  public:
    enum class Reason { empty, format, undecodable, resolution };
    explicit InvalidAvatar(Reason reason) : std::runtime_error("invalid avatar"), reason_(reason) {}
    Reason reason() const { return reason_; }

  private:
    Reason reason_;
};

enum class ImageFormat { unknown, png, jpeg, webp, gif };

/// Starts libvips in this process if it is not yet (once; make_avatar_webp calls it).
void start_image_library();

/// The format `bytes` start with.
ImageFormat sniff_image_format(std::string_view bytes);

/// The stored avatar (WebP bytes) made from an upload. Throws InvalidAvatar. libvips is set up
/// on first use in the calling process (a worker, after the fork), with one thread and no cache.
std::string make_avatar_webp(std::string_view upload);

}  // namespace accountd::media
