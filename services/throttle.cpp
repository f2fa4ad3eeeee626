#include "services/throttle.hpp"

#include <algorithm>

namespace accountd::services {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string ip_account_bucket(const std::string& ip, const std::string& account) {
    return "login-ip-account|" + ip + "|" + account;
}
std::string account_bucket(const std::string& account) {
    return "login-account|" + account;
}
std::string ip_bucket(const std::string& ip) {
    return "login-ip|" + ip;
}

}  // namespace

std::string LoginThrottle::account_key(std::optional<std::uint64_t> account_id,
                                       const std::string& typed) {
    if (account_id) return std::string("id:") + std::to_string(*account_id);
    if (typed.empty()) return {};
    return std::string("typed:") + lower(typed);
}

std::optional<int> LoginThrottle::claim(const std::string& ip, const std::string& account) {
    const Timestamp now = clock_.now();
    std::optional<int> wait;
    const auto take = [&](const std::string& bucket, int max, int window_seconds) {
        const auto window = buckets_.hit(bucket, window_seconds, now);
        if (window.hits <= static_cast<std::uint32_t>(max)) return;
        const int seconds = static_cast<int>((window.ends - now).count());
        wait = std::max(wait.value_or(0), std::max(seconds, 1));
    };
    // An empty name is no account; only the per-IP limit applies to it.
    if (!account.empty()) {
        take(ip_account_bucket(ip, account), limits_.ip_account_max, limits_.ip_account_window);
        take(account_bucket(account), limits_.account_max, limits_.account_window);
    }
    take(ip_bucket(ip), limits_.ip_max, limits_.ip_window);
    return wait;
}

void LoginThrottle::succeeded(const std::string& ip, const std::string& account) {
    const Timestamp now = clock_.now();
    if (!account.empty()) {
        buckets_.clear(ip_account_bucket(ip, account));
        buckets_.release(account_bucket(account), now);
    }
    buckets_.release(ip_bucket(ip), now);
}

}  // namespace accountd::services
