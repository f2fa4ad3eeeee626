#include "server/rate_limiter.hpp"

#include <sys/mman.h>

#include <atomic>
#include <functional>
#include <stdexcept>

namespace accountd::server {

// One 64-bit word per slot: 24 bits of key check, 24 bits of window number, 16 bits of count,
// so a slot changes with a single compare-and-swap.
struct RateLimiter::Slot {
    std::atomic<std::uint64_t> word;
};

namespace {

constexpr int kProbes = 8;
constexpr std::uint64_t kMaxCount = 0xFFFF;

std::uint64_t pack(std::uint64_t tag, std::uint64_t window, std::uint64_t count) {
    return ((tag & 0xFFFFFF) << 40) | ((window & 0xFFFFFF) << 16) | (count & 0xFFFF);
}
std::uint64_t tag_of(std::uint64_t w) {
    return w >> 40;
}
std::uint64_t window_of(std::uint64_t w) {
    return (w >> 16) & 0xFFFFFF;
}
std::uint64_t count_of(std::uint64_t w) {
    return w & 0xFFFF;
}

}  // namespace

RateLimiter::RateLimiter(std::size_t slots) : count_(slots) {
    void* memory = mmap(nullptr, sizeof(Slot) * slots, PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) throw std::runtime_error("cannot map the rate limiter");
    slots_ = static_cast<Slot*>(memory);  // zero-filled by the kernel: every slot empty
}

RateLimiter::~RateLimiter() {
    munmap(slots_, sizeof(Slot) * count_);
}

RateDecision RateLimiter::hit(std::string_view caller, std::int64_t now, std::uint32_t limit,
                              std::int64_t window_seconds) {
    const std::uint64_t hash = std::hash<std::string_view>{}(caller);
    const std::uint64_t tag = (hash >> 40) | 1;  // never 0, so 0 means an empty slot
    const auto window = static_cast<std::uint64_t>(now / window_seconds);
    RateDecision decision;
    decision.limit = limit;
    decision.reset_at = static_cast<std::int64_t>(window + 1) * window_seconds;
    for (int probe = 0; probe < kProbes; ++probe) {
        Slot& slot = slots_[(hash + static_cast<std::uint64_t>(probe)) % count_];
        std::uint64_t seen = slot.word.load(std::memory_order_relaxed);
        while (true) {
            const bool ours = tag_of(seen) == (tag & 0xFFFFFF);
            const bool stale = window_of(seen) != (window & 0xFFFFFF);
            // A slot is taken over when it is empty or its window is over.
            if (!ours && seen != 0 && !stale) break;
            const std::uint64_t count = (ours && !stale) ? count_of(seen) : 0;
            if (count >= limit || count >= kMaxCount) {
                decision.allowed = false;
                decision.remaining = 0;
                decision.retry_after = decision.reset_at - now;
                return decision;
            }
            const std::uint64_t next = pack(tag, window, count + 1);
            if (slot.word.compare_exchange_weak(seen, next, std::memory_order_relaxed)) {
                decision.remaining = limit - static_cast<std::uint32_t>(count + 1);
                return decision;
            }
        }
    }
    decision.remaining = limit;  // table crowded here: let it through
    return decision;
}

}  // namespace accountd::server
