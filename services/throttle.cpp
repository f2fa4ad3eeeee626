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
    return "login-ip-account|" + ip + "|" + lower(account);
}
std::string account_bucket(const std::string& account) {
    return "login-account|" + lower(account);
}
std::string ip_bucket(const std::string& ip) {
    return "login-ip|" + ip;
}

}  // namespace

std::optional<int> LoginThrottle::retry_after(const std::string& ip, const std::string& account) {
    const Timestamp now = clock_.now();
    std::optional<int> wait;
    const auto check = [&](const std::string& bucket, int max) {
        const auto window = buckets_.peek(bucket, now);
        if (!window || window->hits < static_cast<std::uint32_t>(max)) return;
        const int seconds = static_cast<int>((window->ends - now).count());
        wait = std::max(wait.value_or(0), std::max(seconds, 1));
    };
    // An empty identifier names no account; only the per-IP limit applies to it.
    if (!account.empty()) {
        check(ip_account_bucket(ip, account), limits_.ip_account_max);
        check(account_bucket(account), limits_.account_max);
    }
    check(ip_bucket(ip), limits_.ip_max);
    return wait;
}

void LoginThrottle::record_failure(const std::string& ip, const std::string& account) {
    const Timestamp now = clock_.now();
    if (!account.empty()) {
        buckets_.hit(ip_account_bucket(ip, account), limits_.ip_account_window, now);
        buckets_.hit(account_bucket(account), limits_.account_window, now);
    }
    buckets_.hit(ip_bucket(ip), limits_.ip_window, now);
}

void LoginThrottle::record_success(const std::string& ip, const std::string& account) {
    if (!account.empty()) buckets_.clear(ip_account_bucket(ip, account));
}

}  // namespace accountd::services
