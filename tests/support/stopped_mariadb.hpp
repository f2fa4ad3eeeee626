#pragma once
// The test stack's mariadbd stopped (SIGSTOP) for the guard's lifetime, and continued however the
// test ends: a database that stops answering. The constructor returns once the kernel reports the
// process stopped, because kill() returns before every thread has stopped and a statement sent
// meanwhile would still be answered.

#include <signal.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>

namespace accountd::testing {

class StoppedMariadb {
  public:
    /// `pid_file`: the stack's mysqld.pid. Throws std::runtime_error when it cannot stop it.
    explicit StoppedMariadb(const std::string& pid_file) {
        std::ifstream in(pid_file);
        in >> pid_;
        if (pid_ <= 0 || ::kill(pid_, SIGSTOP) != 0) {
            throw std::runtime_error("cannot stop mariadbd from " + pid_file);
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!stopped()) {
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(pid_, SIGCONT);
                throw std::runtime_error("mariadbd did not stop");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    ~StoppedMariadb() { ::kill(pid_, SIGCONT); }
    StoppedMariadb(const StoppedMariadb&) = delete;
    StoppedMariadb& operator=(const StoppedMariadb&) = delete;

  private:
    // The state letter of /proc/<pid>/stat, after the parenthesised command name.
    bool stopped() const {
        std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
        const std::string text((std::istreambuf_iterator<char>(stat)),
                               std::istreambuf_iterator<char>());
        const auto close = text.rfind(')');
        return close != std::string::npos && close + 2 < text.size() &&
               (text[close + 2] == 'T' || text[close + 2] == 't');
    }

    pid_t pid_ = 0;
};

}  // namespace accountd::testing
