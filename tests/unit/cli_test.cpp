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

BOOST_AUTO_TEST_SUITE_END()
