#pragma once
// API key rules: creation limits and validation, authentication of a presented key (HMAC
// compare, expiry, key type, IP allow-list) and a last-used time written at most once a minute.
// Every call names the caller's ApiKeyFormat: the dialect decides how keys look, the rules here
// are the same for all.

#include <optional>
#include <string>
#include <vector>

#include "crypto/random.hpp"
#include "services/activity_service.hpp"
#include "services/api_key.hpp"
#include "services/api_key_format.hpp"
#include "services/clock.hpp"
#include "services/service_error.hpp"
#include "services/throttle.hpp"

namespace accountd::services {

struct ApiKeyLimits {
    std::uint64_t max_keys_per_user = 25;  // Pterodactyl's account limit
    std::size_t max_description = 500;
    std::size_t max_allowed_ips = 50;
    /// A key refused for its allow-list is recorded (auth:ip-blocked) at most once this often.
    int ip_blocked_record_seconds = 60;
};

/// What the owner asks for.
struct NewApiKey {
    std::optional<std::string> description;
    std::vector<std::optional<std::string>> allowed_ips;  ///< nullopt: an entry of another type
    /// nullopt: the owner's whole account (or the creating key's list, see create).
    std::optional<std::vector<std::string>> permissions;
};

struct IssuedApiKey {
    ApiKey key;
    std::string secret;  ///< the part after the identifier; shown once
    std::string token() const { return key.identifier + secret; }
};

enum class KeyCheck { ok, invalid, ip_not_allowed, application_key };

struct AuthenticatedKey {
    KeyCheck result = KeyCheck::invalid;
    std::optional<ApiKeyWithOwner> key;  ///< set for ok, ip_not_allowed and application_key
};

class ApiKeyService {
  public:
    /// `activity` records keys refused for their allow-list (auth:ip-blocked); `buckets` (none:
    /// every refusal is recorded) spaces those records out, so a leaked key used from elsewhere
    /// cannot add a row per request.
    ApiKeyService(ApiKeyRepository& keys, ActivityService& activity, crypto::RandomSource& random,
                  const Clock& clock, std::string hash_key, int touch_interval_seconds,
                  ApiKeyLimits limits = {}, ThrottleRepository* buckets = nullptr);

    /// An account key of `format`. Throws ServiceError: invalid_fields (description:
    /// required|max; allowed_ips: max_items|narrower; allowed_ips.N: string|ip_range|narrower;
    /// permissions: narrower) or limit_reached (per format).
    /// `made_with` is the API key making the request, if one is: a key never makes a key wider
    /// than itself, so the new key's allow-list must lie within its own (when it has one), its
    /// permissions within its own (it inherits them when it asks for none), and it expires when
    /// the creating key does.
    IssuedApiKey create(const ApiKeyFormat& format, std::uint64_t user_id, const NewApiKey& request,
                        const ApiKey* made_with = nullptr);

    /// The user's account keys of `format`, oldest first.
    std::vector<ApiKey> list(const ApiKeyFormat& format, std::uint64_t user_id) {
        return keys_.list_for_user(user_id, format.name, kAccountKeyType);
    }
    /// The user's account keys of every format `format`'s dialect authenticates, oldest first:
    /// the owner sees every key that can act on the account where it can.
    std::vector<ApiKey> list_account(const ApiKeyFormat& format, std::uint64_t user_id);
    /// Deletes the user's key of any format `format`'s dialect authenticates; false for an
    /// unknown identifier or someone else's key.
    /// `made_with` is the API key making the request, if one is: a restricted key deletes only
    /// keys within its own restrictions (itself included), never the owner's wider ones; throws
    /// ServiceError not_permitted otherwise.
    bool remove(const ApiKeyFormat& format, std::uint64_t user_id, const std::string& identifier,
                const ApiKey* made_with = nullptr);

    /// Checks a key presented in a dialect whose keys have `format` against the client address
    /// `ip`. A key refused for its allow-list is recorded as auth:ip-blocked on its owner, once
    /// per limits.ip_blocked_record_seconds (the refusals between are answered, not recorded).
    AuthenticatedKey authenticate(const ApiKeyFormat& format, const std::string& token,
                                  const std::string& ip);

    // Calagopus-style management, by uuid, of the account's keys of every format. The dialect
    // validates the request (its wording); these hold the storage rules.

    /// Mints an identifier and secret of `format` for `draft` (its user_id, description,
    /// allowed_ips, permission lists and expiry), and stores it unless the owner already holds
    /// `cap` keys of the format. Throws ServiceError limit_reached then.
    IssuedApiKey issue(const ApiKeyFormat& format, ApiKey draft, std::uint64_t cap);
    /// The user's unexpired keys of every format, oldest first (search: in the description).
    ApiKeyPage page(std::uint64_t user_id, const std::optional<std::string>& search,
                    std::uint64_t offset, std::uint32_t limit) {
        return keys_.list_page(user_id, clock_.now(), search, offset, limit);
    }
    std::uint64_t count(const ApiKeyFormat& format, std::uint64_t user_id) {
        return keys_.count_for_user(user_id, format.name, kAccountKeyType);
    }
    /// The user's unexpired account key with this uuid or identifier; nullopt for another
    /// user's, an expired one or none.
    std::optional<ApiKey> find_live(std::uint64_t user_id, const std::string& uuid);
    std::optional<ApiKey> find_live_by_identifier(std::uint64_t user_id,
                                                  const std::string& identifier);
    /// Whether another key of the user (not `except_id`) is named `name`.
    bool name_taken(std::uint64_t user_id, const std::string& name, std::uint64_t except_id = 0) {
        return keys_.description_taken(user_id, name, except_id);
    }
    /// Stores the key's description, allow-list, permission lists and expiry.
    void update(ApiKey key);
    /// A new identifier and secret (of the key's own format) for the key; the old text stops
    /// working at once. Name, permissions, expiry and creation time stay.
    IssuedApiKey recreate(ApiKey key);
    /// Deletes the key; false when it is already gone.
    bool remove_key(const ApiKey& key) {
        return keys_.remove(key.user_id, key.format, key.key_type, key.identifier);
    }

    /// Whether `key` may use `permission` (a key without a list may use every one).
    static bool grants(const ApiKey& key, const std::string& permission);

  private:
    ApiKeyRepository& keys_;
    ActivityService& activity_;
    crypto::RandomSource& random_;
    const Clock& clock_;
    std::string hash_key_;
    int touch_interval_seconds_;
    ApiKeyLimits limits_;
    ThrottleRepository* buckets_;
};

}  // namespace accountd::services
