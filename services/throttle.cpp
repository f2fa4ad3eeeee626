#include "services/throttle.hpp"

#include <algorithm>
#include <vector>

#include "services/ip_range.hpp"

namespace accountd::services {
namespace {

std::string ip_account_bucket(const std::string& ip, const std::string& account) {
    return "login-ip-account|" + ip + "|" + account;
}
std::string account_bucket(const std::string& account) {
    return "login-account|" + account;
}
std::string known_address_marker(const std::string& ip, const std::string& account) {
    return "login-known|" + ip + "|" + account;
}
std::string ip_bucket(const std::string& ip) {
    return "login-ip|" + ip;
}

}  // namespace

AttemptNames LoginThrottle::for_sign_in(std::optional<std::uint64_t> account_id,
                                        const std::string& folded) {
    AttemptNames names;
    // An unknown name is counted like a known one (pair and account alike), so how a limit
    // answers never tells a client whether the name exists.
    if (account_id) {
        names.pair = std::string("id:") + std::to_string(*account_id);
    } else if (!folded.empty()) {
        names.pair = std::string("fold:") + folded;
    }
    names.account = names.pair;
    // Looked up for unknown names too, so a known account costs no extra query to tell it by.
    names.known_addresses = !names.account.empty();
    return names;
}

std::string LoginThrottle::account_bucket_for(const std::string& ip, const AttemptNames& names,
                                              Timestamp now) {
    if (names.known_addresses && limits_.known_address_seconds > 0 &&
        buckets_.running(known_address_marker(ip, names.account), now)) {
        return "login-account-known|" + ip + "|" + names.account;
    }
    return account_bucket(names.account);
}

std::optional<int> LoginThrottle::claim(const std::string& client_ip, const AttemptNames& names) {
    const std::string ip = throttle_address(client_ip, limits_.ipv6_prefix);
    const Timestamp now = clock_.now();
    std::optional<int> wait;
    std::vector<std::string> taken;
    const auto take = [&](const std::string& bucket, int max, int window_seconds) {
        const auto window = buckets_.hit(bucket, window_seconds, now);
        taken.push_back(bucket);
        if (window.hits <= static_cast<std::uint32_t>(max)) return;
        const int seconds = static_cast<int>((window.ends - now).count());
        wait = std::max(wait.value_or(0), std::max(seconds, 1));
    };
    if (!names.pair.empty()) {
        take(ip_account_bucket(ip, names.pair), limits_.ip_account_max, limits_.ip_account_window);
    }
    if (!names.account.empty()) {
        take(account_bucket_for(ip, names, now), limits_.account_max, limits_.account_window);
    }
    take(ip_bucket(ip), limits_.ip_max, limits_.ip_window);
    if (wait) {
        for (const auto& bucket : taken)
            buckets_.release(bucket, now);
    }
    return wait;
}

void LoginThrottle::succeeded(const std::string& client_ip, const AttemptNames& names,
                              bool complete) {
    const std::string ip = throttle_address(client_ip, limits_.ipv6_prefix);
    const Timestamp now = clock_.now();
    if (!names.pair.empty()) buckets_.clear(ip_account_bucket(ip, names.pair));
    if (!names.account.empty()) buckets_.release(account_bucket_for(ip, names, now), now);
    buckets_.release(ip_bucket(ip), now);
    if (complete) remember_address(client_ip, names);
}

void LoginThrottle::abandoned(const std::string& client_ip, const AttemptNames& names) {
    const std::string ip = throttle_address(client_ip, limits_.ipv6_prefix);
    const Timestamp now = clock_.now();
    if (!names.pair.empty()) buckets_.release(ip_account_bucket(ip, names.pair), now);
    if (!names.account.empty()) buckets_.release(account_bucket_for(ip, names, now), now);
    buckets_.release(ip_bucket(ip), now);
}

void LoginThrottle::remember_address(const std::string& client_ip, const AttemptNames& names) {
    if (!names.known_addresses || limits_.known_address_seconds <= 0) return;
    const std::string ip = throttle_address(client_ip, limits_.ipv6_prefix);
    // Known from now until the window ends; the next success does not extend it, so an address
    // is re-proven at least every known_address_seconds.
    buckets_.hit(known_address_marker(ip, names.account), limits_.known_address_seconds,
                 clock_.now());
}

}  // namespace accountd::services
