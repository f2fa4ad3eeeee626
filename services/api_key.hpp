#pragma once
// API keys as stored, and the storage contract (implemented in db/).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/clock.hpp"
#include "services/user.hpp"

namespace accountd::services {

/// A key for the owner's own account (a Pterodactyl client key, a Calagopus or EcliPanel user
/// key); the only kind the account APIs accept.
inline constexpr int kAccountKeyType = 1;
/// A panel-wide key (Pterodactyl's application keys, imported only): refused on account APIs.
inline constexpr int kApplicationKeyType = 2;

struct ApiKey {
    std::uint64_t id = 0;
    std::optional<std::string> uuid;  ///< public id for panels that address keys by UUID
    std::uint64_t user_id = 0;
    int key_type = kAccountKeyType;
    std::string format = "pterodactyl";  ///< ApiKeyFormat::name of the format that minted it
    std::string identifier;
    std::optional<std::string> description;
    std::vector<std::string> allowed_ips;  ///< as the owner entered them (trimmed)
    /// The permission names (the dialect's spelling) the key is limited to; nullopt: the
    /// owner's whole account.
    std::optional<std::vector<std::string>> permissions;
    /// Calagopus' admin and server lists; nullopt: not limited there.
    std::optional<std::vector<std::string>> admin_permissions;
    std::optional<std::vector<std::string>> server_permissions;
    std::optional<Timestamp> expires_at;
    std::optional<Timestamp> last_used_at;
    Timestamp created_at{};
    Timestamp updated_at{};
};

struct ApiKeyWithOwner {
    ApiKey key;
    std::string secret_hash;
    User owner;
};

/// One page of a user's keys and how many match in all.
struct ApiKeyPage {
    std::uint64_t total = 0;
    std::vector<ApiKey> keys;
};

class ApiKeyRepository {
  public:
    virtual ~ApiKeyRepository() = default;
    /// The user's keys of `format` and `key_type`, oldest first.
    virtual std::vector<ApiKey> list_for_user(std::uint64_t user_id, const std::string& format,
                                              int key_type) = 0;
    virtual std::uint64_t count_for_user(std::uint64_t user_id, const std::string& format,
                                         int key_type) = 0;
    /// Stores the key with the HMAC of its full text; returns the new id.
    virtual std::uint64_t insert(const ApiKey& key, const std::string& secret_hash) = 0;
    /// Stores the key as insert does unless its owner already holds `cap` keys of its format
    /// and key type; then stores nothing and returns nullopt. Counting and storing are one
    /// step, so creates running at once on any number of workers never pass the cap.
    virtual std::optional<std::uint64_t> insert_within_cap(const ApiKey& key,
                                                           const std::string& secret_hash,
                                                           std::uint64_t cap) = 0;
    virtual std::optional<ApiKeyWithOwner> find_by_identifier(const std::string& identifier) = 0;
    /// Deletes the user's key of `format` and `key_type` with this identifier; false when there
    /// is none.
    virtual bool remove(std::uint64_t user_id, const std::string& format, int key_type,
                        const std::string& identifier) = 0;
    virtual void touch(std::uint64_t key_id, Timestamp now) = 0;

    /// The user's account keys of every format that have not expired at `now` and whose
    /// description contains `search` (case-insensitive; nullopt: all), oldest first, `limit`
    /// of them from `offset`, with the count of all that match.
    virtual ApiKeyPage list_page(std::uint64_t user_id, Timestamp now,
                                 const std::optional<std::string>& search, std::uint64_t offset,
                                 std::uint32_t limit) = 0;
    /// The user's account key (any format) with this uuid, expired or not.
    virtual std::optional<ApiKey> find_by_uuid(std::uint64_t user_id, const std::string& uuid) = 0;
    /// Whether another account key of the user (not `except_id`) has this description.
    virtual bool description_taken(std::uint64_t user_id, const std::string& description,
                                   std::uint64_t except_id) = 0;
    /// Stores the key's description, allowed_ips, three permission lists, expiry and
    /// updated_at; false when the user has no key with its id.
    virtual bool update(const ApiKey& key) = 0;
    /// Gives the key a new identifier and secret HMAC (the old key stops working at once);
    /// false when there is no such key.
    virtual bool replace_secret(std::uint64_t key_id, const std::string& identifier,
                                const std::string& secret_hash, Timestamp now) = 0;
};

}  // namespace accountd::services
