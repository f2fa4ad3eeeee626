#pragma once
// Keys made by the real ssh-keygen for the SSH key tests, in a private directory removed
// afterwards.

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace accountd::testing {

/// Runs a shell command (our own fixed strings and temp paths) and returns its stdout.
inline std::string run_command(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>/dev/null").c_str(), "r"),
                                               pclose);
    BOOST_REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[4096];
    while (fgets(buffer, sizeof buffer, pipe.get()) != nullptr)
        out += buffer;
    return out;
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct KeyDir {
    std::string dir;
    KeyDir() {
        char name[] = "/tmp/accountd-ssh-XXXXXX";
        dir = mkdtemp(name);
    }
    ~KeyDir() {
        std::error_code ignored;  // a destructor must not throw; a leftover temp dir is harmless
        std::filesystem::remove_all(dir, ignored);
    }
    KeyDir(const KeyDir&) = delete;
    KeyDir& operator=(const KeyDir&) = delete;

    /// Generates a key; returns the .pub path, empty when ssh-keygen cannot make this type.
    std::string generate(const std::string& name, const std::string& args) {
        const std::string path = dir + "/" + name;
        run_command("ssh-keygen -q -N '' -C test@accountd " + args + " -f '" + path + "'");
        std::ifstream probe(path + ".pub");
        return probe.good() ? path + ".pub" : "";
    }
    /// ssh-keygen -lf: "256 SHA256:<fingerprint> comment (TYPE)" -> fingerprint.
    static std::string keygen_fingerprint(const std::string& pub) {
        const auto line = run_command("ssh-keygen -l -E sha256 -f '" + pub + "'");
        const auto start = line.find("SHA256:");
        BOOST_REQUIRE(start != std::string::npos);
        return line.substr(start + 7, line.find(' ', start) - start - 7);
    }
};

}  // namespace accountd::testing
