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
    /// has ended, and returns the window as it stands after the hit. Atomic across workers.
    virtual ThrottleWindow hit(const std::string& bucket, int window_seconds, Timestamp now) = 0;
    /// Takes back one hit from the bucket's running window (never below zero).
    virtual void release(const std::string& bucket, Timestamp now) = 0;
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

    /// The name an attempt is counted under: the account's id when the identifier named one,
    /// so its username and its e-mail address share one count; otherwise the identifier as
    /// typed, case-insensitively. Empty for an empty identifier.
    static std::string account_key(std::optional<std::uint64_t> account_id,
                                   const std::string& typed);

    /// Claims one attempt from `ip` on `account` (an `account_key`, or another name for what
    /// is guessed at) before the secret is checked. Claiming first means simultaneous guesses
    /// on any number of workers cannot get past a limit before the first failure is counted.
    /// Returns the seconds to wait when the attempt is refused; nullopt when it may go ahead.
    /// An attempt that goes ahead counts as a failure until `succeeded` is called for it.
    std::optional<int> claim(const std::string& ip, const std::string& account);
    /// The claimed attempt succeeded: the ip+account count starts again and the claim on the
    /// account and the IP is given back.
    void succeeded(const std::string& ip, const std::string& account);

  private:
    ThrottleRepository& buckets_;
    const Clock& clock_;
    LoginLimits limits_;
};

}  // namespace accountd::services
