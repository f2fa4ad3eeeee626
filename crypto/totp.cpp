#include "crypto/totp.hpp"

#include <algorithm>

#include "crypto/hash.hpp"

namespace accountd::crypto {

std::string hotp(std::string_view key, std::uint64_t counter, int digits) {
    // RFC 4226 section 5.2: the counter is an 8-byte big-endian value.
    std::string message(8, '\0');
    for (int i = 7; i >= 0; --i) {
        message[static_cast<std::size_t>(i)] = static_cast<char>(counter & 0xFF);
        counter >>= 8;
    }
    const std::string mac = hmac_sha1(key, message);
    // RFC 4226 section 5.3: dynamic truncation.
    const auto offset = static_cast<std::size_t>(mac[19] & 0x0F);
    const std::uint32_t binary = ((static_cast<std::uint8_t>(mac[offset]) & 0x7F) << 24) |
                                 (static_cast<std::uint8_t>(mac[offset + 1]) << 16) |
                                 (static_cast<std::uint8_t>(mac[offset + 2]) << 8) |
                                 static_cast<std::uint8_t>(mac[offset + 3]);
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i)
        modulus *= 10;
    std::string code = std::to_string(binary % modulus);
    return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::int64_t totp_step(std::int64_t unix_seconds, int period_seconds) {
    const std::int64_t period = period_seconds;
    return unix_seconds >= 0 ? unix_seconds / period : -((-unix_seconds + period - 1) / period);
}

std::optional<std::int64_t> verify_totp(std::string_view key, std::string_view code,
                                        std::int64_t unix_seconds, const TotpParams& params,
                                        std::optional<std::int64_t> last_used_step) {
    if (code.size() != static_cast<std::size_t>(params.digits) ||
        !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    const std::int64_t now = totp_step(unix_seconds, params.period_seconds);
    std::optional<std::int64_t> matched;
    // Every step of the window is computed and compared, so timing does not tell which matched.
    for (std::int64_t step = now - params.window_steps; step <= now + params.window_steps; ++step) {
        if (step < 0) continue;
        const bool equal =
            constant_time_equals(hotp(key, static_cast<std::uint64_t>(step), params.digits), code);
        if (equal && !matched) matched = step;
    }
    if (!matched || (last_used_step && *matched <= *last_used_step)) return std::nullopt;
    return matched;
}

}  // namespace accountd::crypto
