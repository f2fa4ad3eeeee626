#pragma once
// Rules for a user's SSH keys: what a key must be (crypto/ssh_public_key.hpp), a name, no
// duplicates per user, a bounded number per user.

#include <optional>
#include <string>
#include <vector>

#include "crypto/random.hpp"
#include "services/api_key.hpp"
#include "services/clock.hpp"
#include "services/service_error.hpp"
#include "services/ssh_key.hpp"
#include "services/ssh_key_import.hpp"

namespace accountd::services {

/// Keys a user may hold: far above any real use, low enough that a script cannot fill a table.
inline constexpr std::uint64_t kMaxSshKeysPerUser = 100;

/// What a panel asks of its users' keys beyond what every key must be. Both panels see one set
/// of keys; each applies its own rules to what is added or renamed through it.
struct SshKeyRules {
    std::uint64_t max_keys = kMaxSshKeysPerUser;
    std::size_t name_min = 1;  ///< characters, after trimming
    std::size_t name_max = 191;
    /// Refuse a name the user already gives another key (Calagopus' unique index).
    bool distinct_names = false;
};

/// One page of a user's keys and how many match in all.
struct SshKeyPage {
    std::uint64_t total = 0;
    std::vector<SshKey> keys;
};

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

    /// As add, under `rules`: the name is checked against rules' bounds (Rule::min, Rule::max)
    /// before the key; a name the user already uses (distinct_names) is ssh_duplicate as a
    /// known fingerprint is; ssh_too_many at rules.max_keys.
    SshKey add(std::uint64_t user_id, const std::string& name, const std::string& public_key,
               const ApiKey* made_with, const SshKeyRules& rules);

    /// `limit` of the user's keys after `offset`, oldest first, whose name contains `search`
    /// (case-insensitively; nullopt: every key).
    SshKeyPage page(std::uint64_t user_id, std::uint64_t offset, std::uint32_t limit,
                    const std::optional<std::string>& search);

    /// The user's key with this uuid; nullopt for another user's key or none.
    std::optional<SshKey> find(std::uint64_t user_id, const std::string& uuid);

    enum class Renamed { renamed, not_found, name_taken };
    /// Renames the user's key: not_found first (another user's key is not found), then the
    /// name's bounds (ServiceError invalid_fields, "name"), then name_taken.
    Renamed rename(std::uint64_t user_id, const std::string& uuid, const std::string& name,
                   const SshKeyRules& rules);

    /// Stores the imported keys in order, as add does under `rules`, until the user holds
    /// rules.max_keys; keys that add would refuse (unparsable, DSA, short RSA, a known
    /// fingerprint or name) are skipped. Returns the keys stored.
    std::vector<SshKey> import(std::uint64_t user_id, const std::vector<ProvidedKey>& keys,
                               const SshKeyRules& rules);

    /// Removes the user's key with this uuid and returns it; nullopt when the user has none.
    std::optional<SshKey> remove_by_uuid(std::uint64_t user_id, const std::string& uuid);

    /// True when the user had a key with this fingerprint. Throws ServiceError not_permitted
    /// when `made_with` is restricted: an SSH key is wider than it, and a key deletes only
    /// credentials within its own restrictions (whether or not such a key exists).
    bool remove(std::uint64_t user_id, const std::string& fingerprint,
                const ApiKey* made_with = nullptr);

  private:
    std::string checked_name(const std::string& name, const SshKeyRules& rules) const;

    SshKeyRepository& keys_;
    crypto::RandomSource& random_;
    const Clock& clock_;
};

}  // namespace accountd::services
