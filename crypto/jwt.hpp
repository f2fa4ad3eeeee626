#pragma once
// Compact JWS with HS256 only (RFC 7515, RFC 7519). The algorithm is pinned: a token whose header
// names any other algorithm, "none" included, is rejected.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace accountd::crypto {

/// `header.payload.signature` with header {"alg":"HS256","typ":"JWT"}.
std::string jwt_hs256_sign(const nlohmann::json& claims, std::string_view key);

/// The claims object if the signature verifies and the payload is a JSON object; otherwise
/// std::nullopt. Expiry is the caller's business (it owns the clock).
std::optional<nlohmann::json> jwt_hs256_verify(std::string_view token, std::string_view key);

}  // namespace accountd::crypto
