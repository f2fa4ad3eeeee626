#pragma once
// Per-caller request budgets shared by every worker of one master: fixed one-minute-style
// windows in a small table of counters in shared memory the master maps before forking.
// Lock-free (atomic compare-and-swap on each slot). A full table lets requests through rather
// than refusing them: the limit protects the service, it must not become an outage itself.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace accountd::server {

struct RateDecision {
    bool allowed = true;
    std::uint32_t limit = 0;
    std::uint32_t remaining = 0;
    std::int64_t reset_at = 0;     ///< unix seconds when the window ends
    std::int64_t retry_after = 0;  ///< seconds, when refused
};

class RateLimiter {
  public:
    /// Maps `slots` counters shared with every process forked afterwards. Throws
    /// std::runtime_error when the mapping fails.
    explicit RateLimiter(std::size_t slots = 16384);
    ~RateLimiter();
    RateLimiter(const RateLimiter&) = delete;
    RateLimiter& operator=(const RateLimiter&) = delete;

    /// Counts one request of `caller` at `now` (unix seconds) against `limit` per
    /// `window_seconds`.
    RateDecision hit(std::string_view caller, std::int64_t now, std::uint32_t limit,
                     std::int64_t window_seconds);

  private:
    struct Slot;
    Slot* slots_;
    std::size_t count_;
};

}  // namespace accountd::server
