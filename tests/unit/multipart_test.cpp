#include <boost/test/unit_test.hpp>

#include "server/multipart.hpp"

using namespace accountd::server;

namespace {

const std::string kType = "multipart/form-data; boundary=----WebKitFormBoundaryAbC123";

std::string body_of(const std::string& parts) {
    return parts + "------WebKitFormBoundaryAbC123--\r\n";
}

std::string file_part(const std::string& name, const std::string& data) {
    return "------WebKitFormBoundaryAbC123\r\nContent-Disposition: form-data; name=\"" + name +
           "\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n" + data + "\r\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(multipart)

BOOST_AUTO_TEST_CASE(a_browser_upload_parses_into_its_parts) {
    const std::string data("\x89PNG\r\n\x1a\n\0binary--", 17);
    const auto body = body_of(file_part("file", data) +
                              "------WebKitFormBoundaryAbC123\r\nContent-Disposition: form-data; "
                              "name=\"note\"\r\n\r\nhello\r\n");
    const auto parts = parse_multipart(kType, body);
    BOOST_REQUIRE(parts.size() == 2U);
    BOOST_TEST(parts[0].name == "file");
    BOOST_TEST(parts[0].filename == "a.png");
    BOOST_TEST(parts[0].content_type == "image/png");
    BOOST_TEST((parts[0].data == data));
    BOOST_TEST(parts[1].name == "note");
    BOOST_TEST(parts[1].filename.empty());
    BOOST_TEST(parts[1].data == "hello");
}

BOOST_AUTO_TEST_CASE(the_boundary_may_be_quoted_and_the_type_any_case) {
    const auto parts =
        parse_multipart("Multipart/Form-Data; boundary=\"----WebKitFormBoundaryAbC123\"",
                        body_of(file_part("file", "x")));
    BOOST_TEST(parts.size() == 1U);
}

BOOST_AUTO_TEST_CASE(anything_but_what_browsers_send_is_refused) {
    const auto good = file_part("file", "x");
    const auto refused = [](const std::string& type, const std::string& body) {
        BOOST_CHECK_THROW(parse_multipart(type, body), InvalidMultipart);
    };
    refused("application/json", body_of(good));
    refused("multipart/form-data", body_of(good));             // no boundary
    refused("multipart/form-data; boundary=", body_of(good));  // empty boundary
    refused("multipart/form-data; boundary=" + std::string(71, 'a'), body_of(good));
    refused(kType, "preamble\r\n" + body_of(good));  // a preamble
    refused(kType, good);                            // never closed
    refused(kType, body_of(good) + "trailing");      // data after the end
    refused(kType, "");
    refused(kType, body_of(good + good));  // a name twice
    refused(kType,
            body_of("------WebKitFormBoundaryAbC123\r\nContent-Type: image/png\r\n\r\nx\r\n"));
    refused(kType, body_of("------WebKitFormBoundaryAbC123\r\nContent-Disposition: attachment; "
                           "name=\"file\"\r\n\r\nx\r\n"));
    refused(kType, body_of("------WebKitFormBoundaryAbC123\r\nContent-Disposition: form-data; "
                           "name=\"fi\\\"le\"\r\n\r\nx\r\n"));
    refused(kType, body_of("------WebKitFormBoundaryAbC123\r\nX-Long: " + std::string(3000, 'a') +
                           "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n"));
    std::string many;
    for (int i = 0; i < 9; ++i)
        many += file_part("f" + std::to_string(i), "x");
    refused(kType, body_of(many));
}

BOOST_AUTO_TEST_SUITE_END()
