#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

#include "config/config.hpp"

using namespace accountd::config;

BOOST_AUTO_TEST_SUITE(example_config)

BOOST_AUTO_TEST_CASE(the_example_config_parses_and_documents_every_key) {
    const char* dir = std::getenv("ACCOUNTD_SOURCE_DIR");  // NOLINT(concurrency-mt-unsafe)
    BOOST_REQUIRE(dir != nullptr);
    std::ifstream in(std::string(dir) + "/config/accountd.conf.example");
    BOOST_REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    const auto parsed = parse_config(text.str(), "accountd.conf.example");
    BOOST_TEST(parsed.workers == 0);
    std::istringstream keys(describe_keys());
    std::string line;
    while (std::getline(keys, line)) {
        if (line.empty() || line[0] == ' ') continue;
        const auto name = line.substr(0, line.find(' '));
        const auto key = name.substr(name.find('.') + 1);
        BOOST_TEST(text.str().find("\n" + key + " =") != std::string::npos, name);
    }
}

BOOST_AUTO_TEST_SUITE_END()
