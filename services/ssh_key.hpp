#pragma once
// A user's SSH public key as stored, and the storage contract (implemented in db/).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/clock.hpp"

namespace accountd::services {

struct SshKey {
    std::uint64_t id = 0;
    std::string uuid;
    std::uint64_t user_id = 0;
    std::string name;
    std::string fingerprint;  ///< unpadded base64 SHA-256 of the key blob
    std::string public_key;   ///< PKCS#8 PEM
    Timestamp created_at{};
};

class SshKeyRepository {
  public:
    virtual ~SshKeyRepository() = default;
    virtual std::vector<SshKey> list_for_user(std::uint64_t user_id) = 0;
    /// Returns false when the user already has a key with this fingerprint.
    virtual bool insert(const SshKey& key) = 0;
    enum class Insert { stored, duplicate, cap_reached };
    /// Stores the key as insert does unless its owner already holds `cap` keys (cap_reached,
    /// nothing stored). Counting and storing are one step, so creates running at once on any
    /// number of workers never pass the cap.
    virtual Insert insert_within_cap(const SshKey& key, std::uint64_t cap) = 0;
    /// Removes the user's key with this fingerprint; false when the user has none.
    virtual bool remove(std::uint64_t user_id, const std::string& fingerprint) = 0;
    virtual std::uint64_t count_for_user(std::uint64_t user_id) = 0;

    /// As insert_within_cap, and also `duplicate` when the owner holds a key of exactly this
    /// name (byte for byte, as Calagopus' unique index compares), checked in the same step.
    virtual Insert insert_named_within_cap(const SshKey& key, std::uint64_t cap) = 0;
    /// The user's keys whose name contains `search` (case-insensitively; nullopt: all), oldest
    /// first, `limit` of them after skipping `offset`.
    virtual std::vector<SshKey> page_for_user(std::uint64_t user_id, std::uint64_t offset,
                                              std::uint32_t limit,
                                              const std::optional<std::string>& search) = 0;
    /// How many keys page_for_user pages through.
    virtual std::uint64_t count_matching(std::uint64_t user_id,
                                         const std::optional<std::string>& search) = 0;
    /// The user's key with this uuid; nullopt for another user's key or none.
    virtual std::optional<SshKey> find(std::uint64_t user_id, const std::string& uuid) = 0;
    enum class Rename { renamed, not_found, duplicate_name };
    /// Renames the user's key unless another key of theirs has exactly this name.
    virtual Rename rename(std::uint64_t user_id, const std::string& uuid,
                          const std::string& name) = 0;
    /// Removes the user's key with this uuid; false when the user has none.
    virtual bool remove_by_uuid(std::uint64_t user_id, const std::string& uuid) = 0;
};

}  // namespace accountd::services
