#pragma once
// Time is injected through Clock so that expiry can be tested without sleeping.

#include <chrono>
#include <thread>

namespace accountd::services {

using Timestamp = std::chrono::sys_seconds;

class Clock {
  public:
    virtual ~Clock() = default;
    virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
  public:
    Timestamp now() const override {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

/// A point on the monotonic clock, for measuring and waiting (never for stored times).
using Instant = std::chrono::steady_clock::time_point;

/// Monotonic time and waiting, injected so tests neither sleep nor read the clock.
class Pacer {
  public:
    virtual ~Pacer() = default;
    virtual Instant now() const = 0;
    /// Returns at `when` or later (at once when it has passed).
    virtual void sleep_until(Instant when) const = 0;
};

class SteadyPacer final : public Pacer {
  public:
    Instant now() const override { return std::chrono::steady_clock::now(); }
    void sleep_until(Instant when) const override { std::this_thread::sleep_until(when); }
};

}  // namespace accountd::services
