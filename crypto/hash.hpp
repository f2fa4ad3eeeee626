#pragma once
// Digests and MACs (Crypto++ behind this header). All results are raw bytes in a std::string.

#include <string>
#include <string_view>

namespace accountd::crypto {

/// FIPS 180-4 SHA-256, 32 bytes.
std::string sha256(std::string_view data);
/// FIPS 180-4 SHA-1, 20 bytes (only for TOTP, RFC 6238, and legacy formats).
std::string sha1(std::string_view data);
/// RFC 1321 MD5, 16 bytes. Broken as a hash; used only where a wire format demands it
/// (Gravatar image URLs).
std::string md5(std::string_view data);
/// RFC 2104 / RFC 4231 HMAC-SHA-256, 32 bytes.
std::string hmac_sha256(std::string_view key, std::string_view message);
/// RFC 2104 HMAC-SHA-1, 20 bytes (RFC 4226/6238 one-time passwords).
std::string hmac_sha1(std::string_view key, std::string_view message);

/// Compares two secrets in time that depends only on their lengths.
bool constant_time_equals(std::string_view a, std::string_view b);

/// A purpose-bound subkey of the server master key: HKDF-Expand (RFC 5869 section 2.3) with one
/// output block. The extract step is skipped because the master key is already uniformly random.
std::string derive_key(std::string_view master_key, std::string_view purpose);

}  // namespace accountd::crypto
