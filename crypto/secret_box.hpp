#pragma once
// Authenticated encryption of small secrets at rest (TOTP secrets) with AES-256-GCM
// (NIST SP 800-38D): a fresh 96-bit nonce per message, a 128-bit tag, and associated data that
// binds a ciphertext to its row, so a value copied to another user's row does not decrypt.
//
// A box names the key it was sealed with, so the key can be rotated: new boxes are sealed with
// the current key, and every key still configured opens the boxes sealed with it. Boxes sealed
// before key ids existed (no header) open with key id 0.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/random.hpp"

namespace accountd::crypto {

class SecretBox {
  public:
    /// Key id -> 32-byte key (std::invalid_argument otherwise, or when `current` is not among
    /// them). `random` outlives this.
    SecretBox(std::map<std::uint8_t, std::string> keys, std::uint8_t current, RandomSource& random);
    /// One key, id 0.
    SecretBox(std::string key, RandomSource& random);

    /// format (1, = 1) || key id (1) || nonce (12) || ciphertext || tag (16).
    std::string seal(std::string_view plaintext, std::string_view associated_data) const;

    /// The plaintext, or nullopt when the box was altered, truncated, or sealed with a key not
    /// configured or other associated data.
    std::optional<std::string> open(std::string_view box, std::string_view associated_data) const;

    /// Whether `box` opens with the current key in the current format (else it is worth sealing
    /// again, so an old key can be retired).
    bool sealed_with_current_key(std::string_view box, std::string_view associated_data) const;

  private:
    std::map<std::uint8_t, std::string> keys_;
    std::uint8_t current_;
    RandomSource* random_;
};

}  // namespace accountd::crypto
