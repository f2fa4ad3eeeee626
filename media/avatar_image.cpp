#include "media/avatar_image.hpp"

#include <vips/vips.h>

#include <memory>
#include <mutex>

namespace accountd::media {
namespace {

struct ObjectUnref {
    void operator()(VipsImage* image) const { g_object_unref(image); }
};
using Image = std::unique_ptr<VipsImage, ObjectUnref>;

}  // namespace

// libvips keeps process-wide state of its own; it is started once per process, on first use,
// so a worker starts it after the fork and the master never does.
void start_image_library() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (VIPS_INIT("accountd") != 0) throw std::runtime_error("libvips did not start");
        vips_concurrency_set(1);  // one request per worker process: no pool of threads
        vips_cache_set_max(0);    // every image is new; caching would only hold memory
        // Loaders that libvips marks untrusted (ImageMagick, PDF, SVG ...) are never reached.
        vips_block_untrusted_set(TRUE);
    });
}

namespace {

Image load(ImageFormat format, std::string_view bytes) {
    VipsImage* out = nullptr;
    const void* data = bytes.data();
    const std::size_t size = bytes.size();
    int failed = -1;
    switch (format) {
        case ImageFormat::png:
            failed =
                vips_pngload_buffer(const_cast<void*>(data), size, &out, "access",
                                    VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
            break;
        case ImageFormat::jpeg:
            failed = vips_jpegload_buffer(const_cast<void*>(data), size, &out, "access",
                                          VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR,
                                          "autorotate", TRUE, nullptr);
            break;
        case ImageFormat::webp:
            failed = vips_webpload_buffer(const_cast<void*>(data), size, &out, "access",
                                          VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR,
                                          nullptr);
            break;
        case ImageFormat::gif:
            // The first frame, as Calagopus stores an animated GIF.
            failed =
                vips_gifload_buffer(const_cast<void*>(data), size, &out, "access",
                                    VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
            break;
        case ImageFormat::unknown:
            break;
    }
    if (failed != 0 || out == nullptr) {
        if (out != nullptr) g_object_unref(out);
        vips_error_clear();
        throw InvalidAvatar(InvalidAvatar::Reason::undecodable);
    }
    return Image(out);
}

}  // namespace

ImageFormat sniff_image_format(std::string_view b) {
    if (b.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) return ImageFormat::png;
    if (b.starts_with("\xFF\xD8\xFF")) return ImageFormat::jpeg;
    if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") {
        return ImageFormat::webp;
    }
    if (b.starts_with("GIF87a") || b.starts_with("GIF89a")) return ImageFormat::gif;
    return ImageFormat::unknown;
}

std::string make_avatar_webp(std::string_view upload) {
    if (upload.empty()) throw InvalidAvatar(InvalidAvatar::Reason::empty);
    const ImageFormat format = sniff_image_format(upload);
    if (format == ImageFormat::unknown) throw InvalidAvatar(InvalidAvatar::Reason::format);
    start_image_library();
    // Only the header is read here: the size is checked before any pixel is decoded.
    const Image image = load(format, upload);
    const int width = vips_image_get_width(image.get());
    const int height = vips_image_get_height(image.get());
    if (width < kAvatarMinSide || height < kAvatarMinSide || width > kAvatarMaxSide ||
        height > kAvatarMaxSide) {
        throw InvalidAvatar(InvalidAvatar::Reason::resolution);
    }
    VipsImage* thumb = nullptr;
    if (vips_thumbnail_image(image.get(), &thumb, kAvatarSide, "height", kAvatarSide, "crop",
                             VIPS_INTERESTING_CENTRE, "size", VIPS_SIZE_BOTH, nullptr) != 0) {
        vips_error_clear();
        throw InvalidAvatar(InvalidAvatar::Reason::undecodable);
    }
    const Image scaled(thumb);
    void* buffer = nullptr;
    std::size_t length = 0;
    // Saving pulls the pixels through: a truncated or corrupt body fails here.
    if (vips_webpsave_buffer(scaled.get(), &buffer, &length, "lossless", TRUE, "strip", TRUE,
                             nullptr) != 0) {
        vips_error_clear();
        throw InvalidAvatar(InvalidAvatar::Reason::undecodable);
    }
    std::string out(static_cast<const char*>(buffer), length);
    g_free(buffer);
    return out;
}

}  // namespace accountd::media
