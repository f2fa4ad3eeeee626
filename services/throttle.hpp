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
    /// Whether the bucket has a window running at `now`.
    virtual bool running(const std::string& bucket, Timestamp now) = 0;
    virtual void clear(const std::string& bucket) = 0;
};

struct LoginLimits {
    int ip_account_max = 5, ip_account_window = 60;
    int account_max = 100, account_window = 3600;
    int ip_max = 30, ip_window = 60;
    /// How long an address an account signed in from stays known to it; 0: never known.
    int known_address_seconds = 30 * 86400;
    /// IPv6 clients are counted per network of this many bits (services/ip_range.hpp).
    int ipv6_prefix = 64;
};

/// The names one sign-in attempt is counted under, besides the client IP.
struct AttemptNames {
    std::string pair;     ///< counted with the client IP (IP+account); empty for none
    std::string account;  ///< counted from any address (per account); empty for none
    /// Sign-ins only: an address the account signed in from before has a per-account count of
    /// its own (per address), so strangers running the account's count out cannot lock its
    /// owner out.
    bool known_addresses = false;
};

class LoginThrottle {
  public:
    LoginThrottle(ThrottleRepository& buckets, const Clock& clock, LoginLimits limits)
        : buckets_(buckets), clock_(clock), limits_(limits) {}

    /// A password sign-in's names. Both counts take the account's id when the identifier names
    /// one, so its username, its e-mail address and every spelling the database matches to
    /// them share its limits. An identifier that names no account is counted under `folded`:
    /// the identifier as the user store's collation folds it (UserRepository::fold_identifier),
    /// so no spelling the lookup would match to one name escapes that name's count either.
    /// Both empty for an empty `folded`.
    static AttemptNames for_sign_in(std::optional<std::uint64_t> account_id,
                                    const std::string& folded);
    /// Another secret guessed at for one account (`name` already unique to it); empty for none.
    static AttemptNames for_account(const std::string& name) { return {name, name, false}; }

    /// Claims one attempt from `ip` before the secret is checked. Claiming first means
    /// simultaneous guesses on any number of workers cannot get past a limit before the first
    /// failure is counted. Returns the seconds to wait when the attempt is refused (and then
    /// counts nothing, so refused requests never bring a lock-out closer); nullopt when it may
    /// go ahead. An attempt that goes ahead counts as a failure until `succeeded` says not.
    std::optional<int> claim(const std::string& ip, const AttemptNames& names);
    /// The claimed attempt succeeded: the IP+account count starts again and the claim on the
    /// account and the IP is given back. For a sign-in that is complete (no second factor
    /// pending), the address becomes known to the account, as `remember_address` does.
    void succeeded(const std::string& ip, const AttemptNames& names, bool complete = true);
    /// The claimed attempt never checked the secret (the service was too busy to): each count
    /// gets its hit back, and nothing else changes.
    void abandoned(const std::string& ip, const AttemptNames& names);
    /// The address now gets its own per-account count for `known_address_seconds` from the
    /// first such call: for the account a sign-in's names name, once the sign-in is complete.
    void remember_address(const std::string& ip, const AttemptNames& names);

  private:
    /// The per-account bucket this attempt from `ip` counts in.
    std::string account_bucket_for(const std::string& ip, const AttemptNames& names, Timestamp now);

    ThrottleRepository& buckets_;
    const Clock& clock_;
    LoginLimits limits_;
};

}  // namespace accountd::services
