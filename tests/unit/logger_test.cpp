#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <string>

#include "server/logger.hpp"

namespace {

// What one log call writes, read back through a pipe.
std::string logged(std::string_view value) {
    int fds[2];
    BOOST_REQUIRE(::pipe(fds) == 0);
    const accountd::server::Logger log(accountd::server::LogLevel::info, fds[1]);
    log.info("test", {{"path", value}, {"next", "x"}});
    ::close(fds[1]);
    std::string out;
    char buffer[512];
    ssize_t n = 0;
    while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0)
        out.append(buffer, static_cast<std::size_t>(n));
    ::close(fds[0]);
    return out.substr(out.find(" event="));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(logger)

BOOST_AUTO_TEST_CASE(plain_values_are_bare_and_others_quoted) {
    BOOST_TEST(logged("/api/health") == " event=test path=/api/health next=x\n");
    BOOST_TEST(logged("a b") == " event=test path=\"a b\" next=x\n");
    BOOST_TEST(logged("") == " event=test path=\"\" next=x\n");
}

BOOST_AUTO_TEST_CASE(a_value_cannot_forge_fields_or_lines) {
    // A trailing backslash would otherwise escape the closing quote.
    BOOST_TEST(logged("a\\\" user=admin") == " event=test path=\"a\\\\\\\" user=admin\" next=x\n");
    BOOST_TEST(logged("x\\") == " event=test path=\"x\\\\\" next=x\n");
    BOOST_TEST(logged("one\ntwo\rthree\x01") == " event=test path=one\\ntwo\\nthree? next=x\n");
}

BOOST_AUTO_TEST_SUITE_END()
