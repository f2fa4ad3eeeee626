#include <boost/test/unit_test.hpp>

#include <sstream>

#include "app/cli.hpp"

using accountd::app::run_cli;

namespace {

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

Outcome run(const std::vector<std::string>& args) {
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    const int code = run_cli(args, in, out, err);
    return {code, out.str(), err.str()};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(help_as_an_option_or_a_command_prints_the_usage_and_succeeds) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--help"}, {"help"}, {"serve", "--help"}, {"migrate", "--config", "x", "--help"}}) {
        const auto r = run(args);
        BOOST_TEST(r.exit_code == 0);
        BOOST_TEST(r.out.starts_with("usage: accountd"));
        BOOST_TEST(r.err.empty());
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_option_is_still_a_usage_error_next_to_help) {
    const auto r = run({"--bogus", "--help"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("unknown option --bogus") != std::string::npos);
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(no_command_prints_the_usage_and_fails) {
    const auto r = run({});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.starts_with("usage: accountd"));
}

// A password in argv is visible in `ps` and shell history: refused before anything is read.
BOOST_AUTO_TEST_CASE(a_password_on_the_command_line_is_refused) {
    const auto r = run({"user", "create", "--email", "a@example.com", "--username", "a",
                        "--password", "a long enough password"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("--password-stdin") != std::string::npos, r.err);
    BOOST_TEST(r.err.find("a long enough password") == std::string::npos);
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(user_create_without_a_password_on_stdin_is_a_usage_error) {
    const auto r = run({"user", "create", "--email", "a@example.com", "--username", "a"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("--password-stdin") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
