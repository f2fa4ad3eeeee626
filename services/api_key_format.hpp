#pragma once
// How a dialect's API keys look on the wire: the hook keys have as sessions have TokenMinter. A
// key is a public identifier (stored in plain, looked up) followed by a secret (only an HMAC of
// the whole key is stored). The service mints and parses keys through the caller's format and
// never knows which panel it serves.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/random.hpp"

namespace accountd::services {

struct ApiKeyFormat {
    enum class Alphabet {
        alphanumeric,  ///< [A-Za-z0-9], case-sensitive
        lower_hex,     ///< [0-9a-f]; a presented key is matched case-insensitively
    };

    std::string name;    ///< stored with each key, so a dialect lists and deletes only its own
    std::string prefix;  ///< the identifier's fixed start ("ptlc_"); may be empty
    std::size_t identifier_length = 0;  ///< prefix included
    std::size_t secret_length = 0;
    Alphabet alphabet = Alphabet::alphanumeric;
    /// Whether a presented key must start with `prefix`. Pterodactyl's client API also sees its
    /// application keys ("ptla_") and imported keys of other prefixes: they are looked up and
    /// refused for their type, so their shape is only [A-Za-z0-9_] of the right length.
    bool prefix_required = true;
    /// Other formats whose keys this dialect also authenticates: one account's keys work in
    /// every dialect (Pterodactyl and Calagopus keys are both 48 characters of [A-Za-z0-9_],
    /// EcliPanel's 64 hex characters; a presented key is read in any of these shapes).
    std::vector<std::string> also_accepts{};

    /// Whether a stored key of format `name` authenticates in this format's dialect.
    bool accepts(std::string_view name) const {
        return name == this->name ||
               std::find(also_accepts.begin(), also_accepts.end(), name) != also_accepts.end();
    }

    std::size_t token_length() const { return identifier_length + secret_length; }

    /// A fresh identifier (the prefix and random characters) and secret. Together they carry
    /// (identifier_length - prefix + secret_length) random characters of the alphabet.
    std::string new_identifier(crypto::RandomSource& random) const;
    std::string new_secret(crypto::RandomSource& random) const;

    /// The presented key in its canonical form (hex lowercased), or nullopt when it cannot be a
    /// key of this format (length, prefix, alphabet). Nothing is looked up for such a key.
    std::optional<std::string> canonical(std::string_view token) const;
    /// The identifier of a canonical key.
    std::string identifier_of(std::string_view canonical_token) const {
        return std::string(canonical_token.substr(0, identifier_length));
    }
    /// Whether `identifier` could be one of this format's (for lookups by identifier).
    bool plausible_identifier(std::string_view identifier) const;
};

/// Pterodactyl's account keys: "ptlc_" + 11 + 32 alphanumerics (48).
const ApiKeyFormat& pterodactyl_key_format();
/// Calagopus: "c7sp_" + 43 alphanumerics (48); the first 16 are its `key_start` identifier. A
/// presented key is any 48 of [A-Za-z0-9_], so Pterodactyl's keys are looked up too.
const ApiKeyFormat& calagopus_key_format();
/// The format stored under `name`; nullptr for none.
const ApiKeyFormat* key_format_named(std::string_view name);
/// EcliPanel: 64 lowercase hex characters and no prefix; we treat the first 16 as the identifier.
/// Each of the three formats accepts the other two.
const ApiKeyFormat& eclipanel_key_format();

}  // namespace accountd::services
