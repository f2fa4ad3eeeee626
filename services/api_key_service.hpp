#pragma once
// API key rules: creation limits and validation, authentication of a presented key (HMAC
// compare, expiry, key type, IP allow-list) and a last-used time written at most once a minute.

#include <optional>
#include <string>
#include <vector>

#include "crypto/random.hpp"
#include "services/api_key.hpp"
#include "services/clock.hpp"
#include "services/service_error.hpp"

namespace accountd::services {

struct ApiKeyLimits {
    std::uint64_t max_keys_per_user = 25;  // Pterodactyl's account limit
    std::size_t max_description = 500;
    std::size_t max_allowed_ips = 50;
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
    ApiKeyService(ApiKeyRepository& keys, crypto::RandomSource& random, const Clock& clock,
                  std::string hash_key, int touch_interval_seconds, ApiKeyLimits limits = {});

    /// A Pterodactyl account key ("ptlc_" + 11 + 32 characters). Throws ServiceError:
    /// invalid_fields (description: required|max; allowed_ips: max_items|narrower;
    /// allowed_ips.N: string|ip_range|narrower) or limit_reached.
    /// `made_with` is the API key making the request, if one is: a key never makes a key wider
    /// than itself, so the new key's allow-list must lie within its own (when it has one), and
    /// the new key expires when it does.
    IssuedApiKey create(std::uint64_t user_id, const std::optional<std::string>& description,
                        const std::vector<std::optional<std::string>>& allowed_ips,
                        const ApiKey* made_with = nullptr);

    std::vector<ApiKey> list(std::uint64_t user_id) {
        return keys_.list_for_user(user_id, kAccountKeyType);
    }
    bool remove(std::uint64_t user_id, const std::string& identifier) {
        return keys_.remove(user_id, kAccountKeyType, identifier);
    }

    /// Checks a presented key against the client address `ip`.
    AuthenticatedKey authenticate(const std::string& token, const std::string& ip);

  private:
    ApiKeyRepository& keys_;
    crypto::RandomSource& random_;
    const Clock& clock_;
    std::string hash_key_;
    int touch_interval_seconds_;
    ApiKeyLimits limits_;
};

}  // namespace accountd::services
