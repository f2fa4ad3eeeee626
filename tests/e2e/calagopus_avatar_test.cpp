// Calagopus' avatar through nginx: PUT /api/client/account/avatar with a raw image body, sniffed,
// checked, made a 512x512 WebP, stored under avatar.directory and served by nginx at the URL
// the answer gives; DELETE removes it (reference §5).

#include <filesystem>

#include "e2e_fixture.hpp"
#include "support/test_images.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

void check_errors(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.header("content-type").starts_with("application/json"));
    BOOST_TEST(r.json() == nlohmann::json({{"errors", {message}}}), r.body);
}

HttpResult put_avatar(Client& client, const std::string& bytes,
                      const std::string& type = "image/png") {
    auto headers = same_origin(client);
    headers.emplace_back("Content-Type", type);
    return client.request("PUT", "/api/client/account/avatar", bytes, headers);
}

HttpResult delete_avatar(Client& client) {
    return client.request("DELETE", "/api/client/account/avatar", "", same_origin(client));
}

std::filesystem::path storage() {
    return std::filesystem::path(require_env("ACCOUNTD_TEST_STATE")) / "storage";
}

const std::string kResolution =
    "image: invalid resolution, dimensions must not be smaller than 64px and must not exceed "
    "4096px";

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_avatar)

BOOST_AUTO_TEST_CASE(an_upload_becomes_a_512_px_webp_that_nginx_serves_and_replaces_the_last) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto r = put_avatar(client, make_test_image(300, 200, TestImageFormat::png));
    BOOST_REQUIRE_EQUAL(r.status, 200);
    // avatar.public_url is the Calagopus server's URL (scripts/test.sh)
    const std::string base = Stack::get().url(config::Dialect::calagopus);
    const std::string full = r.json()["avatar"];
    BOOST_REQUIRE(full.starts_with(base));
    const std::string url = full.substr(base.size());
    const std::string prefix = "/avatars/" + t.user.uuid + "/";
    BOOST_TEST(url.starts_with(prefix), url);
    BOOST_TEST(url.size() == prefix.size() + 8 + 5);
    BOOST_TEST(url.ends_with(".webp"));
    BOOST_TEST(client.get("/api/client/account").json()["user"]["avatar"] == full);
    const auto image = calagopus().get(url);
    BOOST_REQUIRE_EQUAL(image.status, 200);
    BOOST_TEST(image.header("content-type") == "image/webp");
    BOOST_TEST(image.body.substr(8, 4) == "WEBP");
    BOOST_TEST((image_size(image.body) == std::pair{512, 512}));
    BOOST_TEST(std::filesystem::exists(storage() / url.substr(1)));

    // A JPEG replaces it; the old file goes.
    const auto again = put_avatar(client, make_test_image(64, 4096, TestImageFormat::jpeg),
                                  "application/octet-stream");
    BOOST_REQUIRE_EQUAL(again.status, 200);
    const std::string second = again.json()["avatar"].get<std::string>().substr(base.size());
    BOOST_TEST(second != url);
    BOOST_TEST(!std::filesystem::exists(storage() / url.substr(1)));
    BOOST_TEST(calagopus().get(url).status == 404);
    BOOST_TEST(calagopus().get(second).status == 200);

    // Deleting removes the file and the field; a second delete has nothing to delete.
    const auto removed = delete_avatar(client);
    BOOST_TEST(removed.status == 200, removed.body);
    BOOST_TEST(removed.json() == nlohmann::json::object());
    BOOST_TEST(client.get("/api/client/account").json()["user"]["avatar"].is_null());
    BOOST_TEST(!std::filesystem::exists(storage() / second.substr(1)));
    check_errors(delete_avatar(client), 400, "no avatar to delete");

    const auto log = client.get("/api/client/account/activity");
    const auto listed = log.json();
    const auto& data = listed["activities"]["data"];
    BOOST_REQUIRE(data.size() >= 3u);
    BOOST_TEST(data[0]["event"] == "account:delete-avatar");
    BOOST_TEST(data[1]["event"] == "account:update-avatar");
    BOOST_TEST(data[2]["event"] == "account:update-avatar");
}

BOOST_AUTO_TEST_CASE(webp_gif_and_uploads_over_the_default_body_limit_are_taken) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto big = make_noise_png(400);
    BOOST_REQUIRE(big.size() > 64u * 1024u);  // server.max_body_bytes holds other routes
    BOOST_REQUIRE(big.size() < 2u * 1024u * 1024u);
    const auto r = put_avatar(client, big);
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(put_avatar(client, make_test_image(64, 64, TestImageFormat::webp)).status == 200);
    BOOST_TEST(put_avatar(client, make_test_image(100, 80, TestImageFormat::gif)).status == 200);
}

BOOST_AUTO_TEST_CASE(each_check_refuses_in_order_with_calagopus_words) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    check_errors(put_avatar(client, ""), 400, "image: payload cannot be empty");
    check_errors(put_avatar(client, "<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"),
                 400, "image: only PNG, JPEG, WebP, and GIF formats are allowed");
    check_errors(put_avatar(client, "BM\x36\x00\x00\x00 a bitmap"), 400,
                 "image: only PNG, JPEG, WebP, and GIF formats are allowed");
    // A PNG signature with nothing decodable after it.
    check_errors(put_avatar(client, std::string("\x89PNG\r\n\x1a\n", 8) + "garbage garbage"), 400,
                 "image: unable to decode");
    // A PNG cut short after its header: the size is fine, the pixels are missing.
    const auto png = make_test_image(200, 200, TestImageFormat::png);
    check_errors(put_avatar(client, png.substr(0, png.size() / 2)), 400, "image: unable to decode");
    check_errors(put_avatar(client, make_test_image(63, 100, TestImageFormat::png)), 400,
                 kResolution);
    check_errors(put_avatar(client, make_test_image(100, 4097, TestImageFormat::png)), 400,
                 kResolution);
    BOOST_TEST(client.get("/api/client/account").json()["user"]["avatar"].is_null());
}

BOOST_AUTO_TEST_CASE(a_body_over_2_mib_is_413_in_the_envelope) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    check_errors(put_avatar(client, std::string(2 * 1024 * 1024 + 1, 'a')), 413,
                 "payload too large");
    // Other routes keep accountd's own limit.
    auto headers = same_origin(client);
    headers.emplace_back("Content-Type", "application/json");
    check_errors(
        client.request("PATCH", "/api/client/account", std::string(100 * 1024, ' '), headers), 413,
        "payload too large");
}

BOOST_AUTO_TEST_CASE(no_credentials_is_401_and_a_cross_site_write_is_refused) {
    auto anonymous = calagopus();
    check_errors(put_avatar(anonymous, "x"), 401, "missing authorization");
    check_errors(delete_avatar(anonymous), 401, "missing authorization");
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto r = client.request("PUT", "/api/client/account/avatar",
                                  make_test_image(64, 64, TestImageFormat::png),
                                  {{"Origin", "https://evil.example"}});
    BOOST_TEST(r.status == 403);
}

BOOST_AUTO_TEST_CASE(nginx_serves_only_the_names_accountd_writes) {
    BOOST_TEST(calagopus().get("/avatars/").status == 404);
    BOOST_TEST(calagopus().get("/avatars/../accountd.conf").status != 200);
    BOOST_TEST(calagopus().get("/avatars/x/abcdefgh.webp.partial").status == 404);
}

BOOST_AUTO_TEST_SUITE_END()
