#pragma once
// Time is injected through Clock so that expiry can be tested without sleeping.

#include <chrono>

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

}  // namespace accountd::services
