#pragma once
// Deterministic stand-ins for the injected clock and randomness, for unit tests.

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "crypto/password_hasher.hpp"
#include "crypto/random.hpp"
#include "services/clock.hpp"
#include "services/service_error.hpp"

namespace accountd::testing {

class ManualClock final : public services::Clock {
  public:
    explicit ManualClock(std::int64_t epoch_seconds = 1'700'000'000)
        : now_(std::chrono::seconds(epoch_seconds)) {}
    services::Timestamp now() const override { return now_; }
    void advance(std::chrono::seconds by) { now_ += by; }

  private:
    services::Timestamp now_;
};

/// Monotonic time that stands still; every wait asked for is recorded, none is slept.
class RecordingPacer final : public services::Pacer {
  public:
    services::Instant now() const override { return start; }
    void sleep_until(services::Instant when) const override { sleeps.push_back(when); }

    const services::Instant start = services::Instant(std::chrono::seconds(1000));
    mutable std::vector<services::Instant> sleeps;
};

/// A hash ceiling with no free place: every enter is refused as the real one is after its wait.
class RefusingGate final : public crypto::HashGate {
  public:
    void enter() override {
        ++refused;
        throw services::ServiceError::busy(1);
    }
    void leave() noexcept override { ++left; }
    int refused = 0;
    int left = 0;
};

/// A hash ceiling that lets everything through and counts.
class CountingGate final : public crypto::HashGate {
  public:
    void enter() override { ++entered; }
    void leave() noexcept override { ++left; }
    int entered = 0;
    int left = 0;
};

/// A counter-based byte stream: predictable, but never repeats within a test. Each byte is the
/// counter through SplitMix64's finaliser (Steele et al., 2014), not a linear function of it:
/// the bytes of `n * 167 + 13` came round again every 256, so a test drawing more than that
/// (a second batch of recovery codes, the 26th API key) got earlier values back.
class CountingRandom final : public crypto::RandomSource {
  public:
    void fill(std::uint8_t* out, std::size_t size) override {
        for (std::size_t i = 0; i < size; ++i) {
            std::uint64_t z = (next_++ + 1) * 0x9E3779B97F4A7C15ULL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            out[i] = static_cast<std::uint8_t>(z ^ (z >> 31));
        }
    }

  private:
    std::uint64_t next_ = 0;
};

/// The path of tests/data/<file> (ACCOUNTD_TEST_DATA names the directory).
inline std::string data_path(const std::string& file) {
    const char* dir = std::getenv("ACCOUNTD_TEST_DATA");  // NOLINT(concurrency-mt-unsafe)
    return std::string(dir != nullptr ? dir : "tests/data") + "/" + file;
}

/// Lines "name value" of tests/data/<file>, '#' comments skipped.
inline std::map<std::string, std::string> read_test_data(const std::string& file) {
    const std::string path = data_path(file);
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::map<std::string, std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.find(' ');
        out[line.substr(0, space)] = line.substr(space + 1);
    }
    return out;
}

}  // namespace accountd::testing
