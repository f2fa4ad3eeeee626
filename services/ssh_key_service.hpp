#pragma once
// Rules for a user's SSH keys: what a key must be (crypto/ssh_public_key.hpp), a name, no
// duplicates per user, a bounded number per user.

#include <string>
#include <vector>

#include "crypto/random.hpp"
#include "services/api_key.hpp"
#include "services/clock.hpp"
#include "services/service_error.hpp"
#include "services/ssh_key.hpp"

namespace accountd::services {

/// Keys a user may hold: far above any real use, low enough that a script cannot fill a table.
inline constexpr std::uint64_t kMaxSshKeysPerUser = 100;

class SshKeyService {
  public:
    SshKeyService(SshKeyRepository& keys, crypto::RandomSource& random, const Clock& clock)
        : keys_(keys), random_(random), clock_(clock) {}

    std::vector<SshKey> list(std::uint64_t user_id) { return keys_.list_for_user(user_id); }

    /// Throws ServiceError: invalid_fields ("name", required|max 191), ("public_key",
    /// required|not_valid|dsa|rsa_too_short|duplicate|too_many); not_permitted when `made_with`
    /// (the API key making the request, if one is) is restricted: an SSH key has no allow-list,
    /// no expiry and no permission list, so a restricted key minting one would widen itself.
    SshKey add(std::uint64_t user_id, const std::string& name, const std::string& public_key,
               const ApiKey* made_with = nullptr);

    /// True when the user had a key with this fingerprint. Throws ServiceError not_permitted
    /// when `made_with` is restricted: an SSH key is wider than it, and a key deletes only
    /// credentials within its own restrictions (whether or not such a key exists).
    bool remove(std::uint64_t user_id, const std::string& fingerprint,
                const ApiKey* made_with = nullptr);

  private:
    SshKeyRepository& keys_;
    crypto::RandomSource& random_;
    const Clock& clock_;
};

}  // namespace accountd::services
