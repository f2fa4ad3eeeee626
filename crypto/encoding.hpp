#pragma once
// Text encodings of binary values. Decoders return std::nullopt on malformed input, never throw.

#include <optional>
#include <string>
#include <string_view>

namespace accountd::crypto {

/// Lowercase hexadecimal.
std::string to_hex(std::string_view bytes);
std::optional<std::string> from_hex(std::string_view text);

/// RFC 4648 section 4 (standard alphabet) with '=' padding.
std::string base64_encode(std::string_view bytes);
/// RFC 4648 section 5 (URL and filename safe), unpadded, as JWT uses it (RFC 7515).
std::string base64url_encode(std::string_view bytes);
/// Accepts the URL-safe alphabet without padding.
std::optional<std::string> base64url_decode(std::string_view text);
/// Accepts the standard alphabet (RFC 4648 section 4), with or without '=' padding; padding,
/// when present, must complete the last group of four. No whitespace, no URL-safe characters.
std::optional<std::string> base64_decode(std::string_view text);

/// RFC 3986 section 2.1 percent-encoding of every byte but the unreserved characters
/// (section 2.3), with uppercase hex digits.
std::string percent_encode(std::string_view text);
/// Decodes %XX escapes (either case) and, with `plus_as_space`, '+' as a space
/// (application/x-www-form-urlencoded). A malformed escape is kept as it is, never an error.
std::string percent_decode(std::string_view text, bool plus_as_space);

/// RFC 4648 section 6 Base32, uppercase; `pad` adds '=' to a multiple of 8 characters.
std::string base32_encode(std::string_view bytes, bool pad);
/// Case-insensitive, padding optional; spaces are not allowed.
std::optional<std::string> base32_decode(std::string_view text);

}  // namespace accountd::crypto
