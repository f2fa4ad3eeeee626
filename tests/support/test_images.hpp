#pragma once
// Images made for tests with libvips (the library accountd decodes with): a black image of any size
// in any of the formats an avatar may be, so no binary fixture is checked in.

#include <vips/vips.h>

#include <stdexcept>
#include <string>

#include "media/avatar_image.hpp"

namespace accountd::testing {

enum class TestImageFormat { png, jpeg, webp, gif };

/// A `width` x `height` RGB image encoded as `format`.
inline std::string make_test_image(int width, int height, TestImageFormat format) {
    media::start_image_library();
    VipsImage* three = nullptr;
    if (vips_black(&three, width, height, "bands", 3, nullptr) != 0) {
        throw std::runtime_error("vips: no test image");
    }
    void* buffer = nullptr;
    std::size_t length = 0;
    int failed = -1;
    switch (format) {
        case TestImageFormat::png:
            failed = vips_pngsave_buffer(three, &buffer, &length, nullptr);
            break;
        case TestImageFormat::jpeg:
            failed = vips_jpegsave_buffer(three, &buffer, &length, nullptr);
            break;
        case TestImageFormat::webp:
            failed = vips_webpsave_buffer(three, &buffer, &length, nullptr);
            break;
        case TestImageFormat::gif:
            failed = vips_gifsave_buffer(three, &buffer, &length, nullptr);
            break;
    }
    g_object_unref(three);
    if (failed != 0) throw std::runtime_error("vips: cannot save the test image");
    std::string out(static_cast<const char*>(buffer), length);
    g_free(buffer);
    return out;
}

/// A `side` x `side` PNG of grey noise: it barely compresses, for uploads
/// larger than accountd's default body limit.
inline std::string make_noise_png(int side) {
    media::start_image_library();
    VipsImage* noise = nullptr;
    VipsImage* bytes = nullptr;
    if (vips_gaussnoise(&noise, side, side, "sigma", 80.0, "mean", 128.0, nullptr) != 0 ||
        vips_cast_uchar(noise, &bytes, nullptr) != 0) {
        throw std::runtime_error("vips: no noise");
    }
    g_object_unref(noise);
    VipsImage* rgb = nullptr;
    VipsImage* bands[3] = {bytes, bytes, bytes};
    if (vips_bandjoin(bands, &rgb, 3, nullptr) != 0) throw std::runtime_error("vips: no rgb");
    g_object_unref(bytes);
    void* buffer = nullptr;
    std::size_t length = 0;
    const int failed = vips_pngsave_buffer(rgb, &buffer, &length, nullptr);
    g_object_unref(rgb);
    if (failed != 0) throw std::runtime_error("vips: cannot save the noise");
    std::string out(static_cast<const char*>(buffer), length);
    g_free(buffer);
    return out;
}

/// Width and height of an encoded image, read by libvips.
inline std::pair<int, int> image_size(const std::string& bytes) {
    media::start_image_library();
    VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
    if (image == nullptr) throw std::runtime_error("vips: cannot read the image");
    const std::pair<int, int> size{vips_image_get_width(image), vips_image_get_height(image)};
    g_object_unref(image);
    return size;
}

}  // namespace accountd::testing
