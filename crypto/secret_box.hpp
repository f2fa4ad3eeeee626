#pragma once
// Authenticated encryption of small secrets at rest (TOTP secrets) with AES-256-GCM
// (NIST SP 800-38D): a fresh 96-bit nonce per message, a 128-bit tag, and associated data that
// binds a ciphertext to its row, so a value copied to another user's row does not decrypt.

#include <optional>
#include <string>
#include <string_view>

#include "crypto/random.hpp"

namespace accountd::crypto {

class SecretBox {
  public:
    /// `key` must be 32 bytes (std::invalid_argument otherwise). `random` outlives this.
    SecretBox(std::string key, RandomSource& random);

    /// nonce (12) || ciphertext || tag (16).
    std::string seal(std::string_view plaintext, std::string_view associated_data) const;

    /// The plaintext, or nullopt when the box was altered, truncated, or sealed with another key
    /// or other associated data.
    std::optional<std::string> open(std::string_view box, std::string_view associated_data) const;

  private:
    std::string key_;
    RandomSource* random_;
};

}  // namespace accountd::crypto
