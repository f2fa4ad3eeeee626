#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "config/config.hpp"

using namespace accountd::config;

namespace {

std::string example_text() {
    const char* dir = std::getenv("ACCOUNTD_SOURCE_DIR");  // NOLINT(concurrency-mt-unsafe)
    BOOST_REQUIRE(dir != nullptr);
    std::ifstream in(std::string(dir) + "/config/accountd.conf.example");
    BOOST_REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// "section.key" -> value of every key line in the example, under the [section] it stands in.
std::map<std::string, std::string> example_keys(const std::string& text) {
    std::map<std::string, std::string> keys;
    std::istringstream in(text);
    std::string line;
    std::string section;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line[0] == '[') {
            section = line.substr(1, line.find(']') - 1);
            continue;
        }
        const auto eq = line.find(" =");
        if (eq == std::string::npos) continue;
        const auto value_at = line.find_first_not_of(' ', eq + 2);
        keys[section + "." + line.substr(0, eq)] =
            value_at == std::string::npos ? "" : line.substr(value_at);
    }
    return keys;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(example_config)

BOOST_AUTO_TEST_CASE(the_example_config_parses_and_documents_every_key) {
    const std::string text = example_text();
    const auto parsed = parse_config(text, "accountd.conf.example");
    BOOST_TEST(parsed.workers == 0);
    const auto documented = example_keys(text);
    for (const auto& key : key_defaults()) {
        BOOST_TEST(documented.contains(key.name), key.name << " is not under its section");
    }
}

BOOST_AUTO_TEST_CASE(the_example_config_shows_each_keys_default_under_its_own_section) {
    const auto documented = example_keys(example_text());
    for (const auto& key : key_defaults()) {
        const auto it = documented.find(key.name);
        if (it == documented.end()) continue;  // reported by the test above
        BOOST_TEST(it->second == key.default_text, key.name);
    }
    BOOST_TEST(documented.size() == key_defaults().size());
}

BOOST_AUTO_TEST_SUITE_END()
