#pragma once
// One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) with HMAC-SHA-1, as every authenticator
// app and the three panels use them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accountd::crypto {

struct TotpParams {
    int digits = 6;           // RFC 6238 default, what authenticator apps show
    int period_seconds = 30;  // RFC 6238 section 4.1, X = 30
    int window_steps = 1;  // accepted drift either side (RFC 6238 section 5.2 recommends one step)
};

/// RFC 4226 section 5.3: HOTP(K, C) truncated to `digits` decimal digits, zero-padded.
std::string hotp(std::string_view key, std::uint64_t counter, int digits);

/// The RFC 6238 time step of `unix_seconds` (floor(T / X), T0 = 0).
std::int64_t totp_step(std::int64_t unix_seconds, int period_seconds);

/// The step whose code equals `code` within the window around `unix_seconds`, if that step is
/// later than `last_used_step` (each step is accepted once). `code` must be exactly `digits`
/// decimal digits. Every candidate is compared in constant time.
std::optional<std::int64_t> verify_totp(std::string_view key, std::string_view code,
                                        std::int64_t unix_seconds, const TotpParams& params,
                                        std::optional<std::int64_t> last_used_step);

}  // namespace accountd::crypto
