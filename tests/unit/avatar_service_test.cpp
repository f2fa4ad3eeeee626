#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "media/avatar_image.hpp"
#include "services/avatar_service.hpp"
#include "support/in_memory_world.hpp"
#include "support/test_images.hpp"
#include "test_support.hpp"

using namespace accountd;
using namespace accountd::testing;
namespace fs = std::filesystem;

namespace {

struct AvatarWorld {
    InMemoryWorld world;
    ManualClock clock;
    CountingRandom random;
    fs::path directory = fs::temp_directory_path() /
                         ("accountd-avatar-" + world.unique("t") + std::to_string(::getpid()));
    services::AvatarService avatars{world.users, random, clock, directory};
    services::User user;

    AvatarWorld() { user = world.users.find_by_id(world.make_user()).value(); }
    ~AvatarWorld() {
        std::error_code ignored;
        fs::remove_all(directory, ignored);
    }
    std::string read(const std::string& path) const {
        std::ifstream in(directory / path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), {}};
    }
};

media::InvalidAvatar::Reason refusal(const std::string& upload) {
    try {
        media::make_avatar_webp(upload);
    } catch (const media::InvalidAvatar& e) {
        return e.reason();
    }
    BOOST_FAIL("the upload was taken");
    return media::InvalidAvatar::Reason::empty;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(avatar_service)

BOOST_AUTO_TEST_CASE(formats_are_recognised_by_their_first_bytes) {
    using F = media::ImageFormat;
    BOOST_TEST(
        (media::sniff_image_format(make_test_image(64, 64, TestImageFormat::png)) == F::png));
    BOOST_TEST(
        (media::sniff_image_format(make_test_image(64, 64, TestImageFormat::jpeg)) == F::jpeg));
    BOOST_TEST(
        (media::sniff_image_format(make_test_image(64, 64, TestImageFormat::webp)) == F::webp));
    BOOST_TEST((media::sniff_image_format("GIF89a...") == F::gif));
    BOOST_TEST((media::sniff_image_format("RIFF1234WAVE") == F::unknown));
    BOOST_TEST((media::sniff_image_format("<svg/>") == F::unknown));
    BOOST_TEST((media::sniff_image_format("") == F::unknown));
}

BOOST_AUTO_TEST_CASE(an_upload_becomes_a_square_512_px_webp) {
    for (const auto format : {TestImageFormat::png, TestImageFormat::jpeg, TestImageFormat::webp,
                              TestImageFormat::gif}) {
        const auto webp = media::make_avatar_webp(make_test_image(640, 64, format));
        BOOST_TEST(webp.substr(8, 4) == "WEBP");
        BOOST_TEST((image_size(webp) == std::pair{512, 512}));
    }
}

BOOST_AUTO_TEST_CASE(uploads_that_are_no_avatar_are_refused_with_their_reason) {
    using R = media::InvalidAvatar::Reason;
    BOOST_TEST((refusal("") == R::empty));
    BOOST_TEST((refusal("BM not an image") == R::format));
    BOOST_TEST((refusal(std::string("\x89PNG\r\n\x1a\n", 8) + "junk") == R::undecodable));
    const auto png = make_test_image(300, 300, TestImageFormat::png);
    BOOST_TEST((refusal(png.substr(0, png.size() / 2)) == R::undecodable));
    BOOST_TEST((refusal(make_test_image(63, 64, TestImageFormat::png)) == R::resolution));
    BOOST_TEST((refusal(make_test_image(64, 4097, TestImageFormat::png)) == R::resolution));
    BOOST_TEST(media::make_avatar_webp(make_test_image(4096, 64, TestImageFormat::png)).size() >
               0u);
}

BOOST_AUTO_TEST_CASE(replacing_stores_a_new_file_and_removes_the_last) {
    AvatarWorld w;
    const auto first = w.avatars.replace(w.user, make_test_image(100, 100, TestImageFormat::png));
    BOOST_TEST(first.starts_with("avatars/" + w.user.uuid + "/"));
    BOOST_TEST(first.size() == std::string("avatars/").size() + 36 + 1 + 8 + 5);
    BOOST_TEST(fs::exists(w.directory / first));
    BOOST_TEST(w.read(first).substr(8, 4) == "WEBP");
    BOOST_TEST(w.world.users.find_by_id(w.user.id)->avatar.value() == first);
    const auto second = w.avatars.replace(w.user, make_test_image(100, 100, TestImageFormat::png));
    BOOST_TEST(second != first);
    BOOST_TEST(!fs::exists(w.directory / first));
    BOOST_TEST(fs::exists(w.directory / second));
    BOOST_TEST(w.avatars.remove(w.user));
    BOOST_TEST(!fs::exists(w.directory / second));
    BOOST_TEST(!w.world.users.find_by_id(w.user.id)->avatar.has_value());
    BOOST_TEST(!w.avatars.remove(w.user));
}

BOOST_AUTO_TEST_CASE(a_refused_upload_changes_nothing) {
    AvatarWorld w;
    const auto kept = w.avatars.replace(w.user, make_test_image(100, 100, TestImageFormat::png));
    BOOST_CHECK_THROW(w.avatars.replace(w.user, make_test_image(10, 10, TestImageFormat::png)),
                      media::InvalidAvatar);
    BOOST_TEST(w.world.users.find_by_id(w.user.id)->avatar.value() == kept);
    BOOST_TEST(fs::exists(w.directory / kept));
}

BOOST_AUTO_TEST_CASE(a_stored_path_outside_the_avatars_is_never_deleted) {
    AvatarWorld w;
    fs::create_directories(w.directory);
    std::ofstream(w.directory / "keep.txt") << "x";
    w.world.users.replace_avatar(w.user.id, std::string("avatars/../keep.txt"), w.clock.now());
    BOOST_TEST(w.avatars.remove(w.user));
    BOOST_TEST(fs::exists(w.directory / "keep.txt"));
}

BOOST_AUTO_TEST_SUITE_END()
