#pragma once
// A stand-in code host for the SSH key import: answers GET <path> on 127.0.0.1 at
// ACCOUNTD_TEST_KEYHOST_PORT (the port scripts/test.sh configured as calagopus.ssh_import_*_url)
// from a table the test fills, for as long as the object lives. Loopback only.

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace accountd::testing {

class KeyHost {
  public:
    /// What a path answers. `hang_up` closes the connection without a word (a transport
    /// failure); `delay_ms` waits first (a host slower than the import's timeout).
    struct Answer {
        int status = 200;
        std::string body;
        bool hang_up = false;
        int delay_ms = 0;
    };

    KeyHost();
    ~KeyHost();
    KeyHost(const KeyHost&) = delete;
    KeyHost& operator=(const KeyHost&) = delete;

    void set(const std::string& path, Answer answer);
    /// Paths requested so far, in order.
    std::vector<std::string> requested() const;

  private:
    void serve();

    int listener_ = -1;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    std::map<std::string, Answer> answers_;
    std::vector<std::string> requested_;
    std::thread thread_;
};

}  // namespace accountd::testing
