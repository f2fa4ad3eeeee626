#pragma once
// Fixed-window throttle counters (storage contract, implemented in db/) and the sign-in throttle
// built on them: per client IP and account, per account, per IP; never one global bucket.

#include <cstdint>
#include <optional>
#include <string>

#include "services/clock.hpp"

namespace accountd::services {

struct ThrottleWindow {
    std::uint32_t hits = 0;
    Timestamp ends{};
};

class ThrottleRepository {
  public:
    virtual ~ThrottleRepository() = default;
    /// Counts one hit in `bucket`, starting a new window of `window_seconds` when the last one
    /// has ended. Atomic across workers.
    virtual ThrottleWindow hit(const std::string& bucket, int window_seconds, Timestamp now) = 0;
    /// The bucket's current window, if one is running at `now`.
    virtual std::optional<ThrottleWindow> peek(const std::string& bucket, Timestamp now) = 0;
    virtual void clear(const std::string& bucket) = 0;
};

struct LoginLimits {
    int ip_account_max = 5, ip_account_window = 60;
    int account_max = 100, account_window = 3600;
    int ip_max = 30, ip_window = 60;
};

class LoginThrottle {
  public:
    LoginThrottle(ThrottleRepository& buckets, const Clock& clock, LoginLimits limits)
        : buckets_(buckets), clock_(clock), limits_(limits) {}

    /// Seconds until a sign-in from `ip` for `account` may be tried again; nullopt when it may
    /// be tried now. `account` is what the client typed (compared case-insensitively).
    std::optional<int> retry_after(const std::string& ip, const std::string& account);
    void record_failure(const std::string& ip, const std::string& account);
    void record_success(const std::string& ip, const std::string& account);

  private:
    ThrottleRepository& buckets_;
    const Clock& clock_;
    LoginLimits limits_;
};

}  // namespace accountd::services
