#include "services/api_key_service.hpp"

#include <algorithm>

#include "crypto/hash.hpp"
#include "services/ip_range.hpp"
#include "services/text.hpp"

namespace accountd::services {
namespace {

constexpr std::size_t kIdentifierLength = 16;  // "ptlc_" + 11
constexpr std::size_t kSecretLength = 32;

}  // namespace

ApiKeyService::ApiKeyService(ApiKeyRepository& keys, crypto::RandomSource& random,
                             const Clock& clock, std::string hash_key, int touch_interval_seconds,
                             ApiKeyLimits limits)
    : keys_(keys),
      random_(random),
      clock_(clock),
      hash_key_(std::move(hash_key)),
      touch_interval_seconds_(touch_interval_seconds),
      limits_(limits) {}

IssuedApiKey ApiKeyService::create(std::uint64_t user_id,
                                   const std::optional<std::string>& description,
                                   const std::vector<std::optional<std::string>>& allowed_ips,
                                   const ApiKey* made_with) {
    std::vector<IpRange> limits;
    if (made_with) {
        for (const auto& entry : made_with->allowed_ips) {
            if (auto range = IpRange::parse(entry)) limits.push_back(*range);
        }
    }
    const bool limited = made_with && !made_with->allowed_ips.empty();
    std::vector<FieldViolation> problems;
    if (!description || description->empty()) {
        problems.push_back({"description", Rule::required, {}});
    } else if (utf8_length(*description) > limits_.max_description) {
        problems.push_back({"description", Rule::max, std::to_string(limits_.max_description)});
    }
    std::vector<std::string> ips;
    if (allowed_ips.size() > limits_.max_allowed_ips) {
        // Counted before any entry is parsed: a long list is refused without more work.
        problems.push_back(
            {"allowed_ips", Rule::max_items, std::to_string(limits_.max_allowed_ips)});
    } else {
        for (std::size_t i = 0; i < allowed_ips.size(); ++i) {
            const std::string field = "allowed_ips." + std::to_string(i);
            if (!allowed_ips[i]) {
                problems.push_back({field, Rule::string, {}});
                continue;
            }
            const std::string entry = trim(*allowed_ips[i]);
            const auto range = IpRange::parse(entry);
            if (!range) {
                problems.push_back({field, Rule::ip_range, entry});
                continue;
            }
            if (limited && std::none_of(limits.begin(), limits.end(), [&](const IpRange& outer) {
                    return outer.covers(*range);
                })) {
                problems.push_back({field, Rule::narrower, entry});
                continue;
            }
            ips.push_back(entry);
        }
        // No list at all means any address, which a limited key may not hand out.
        if (limited && allowed_ips.empty()) problems.push_back({"allowed_ips", Rule::narrower, {}});
    }
    if (!problems.empty()) throw ServiceError::invalid(std::move(problems));
    if (keys_.count_for_user(user_id, kAccountKeyType) >= limits_.max_keys_per_user) {
        throw ServiceError::limit_reached();
    }
    IssuedApiKey issued;
    ApiKey& key = issued.key;
    key.user_id = user_id;
    key.key_type = kAccountKeyType;
    key.identifier = "ptlc_" + crypto::random_alphanumeric(random_, kIdentifierLength - 5);
    key.description = description;
    key.allowed_ips = std::move(ips);
    key.created_at = clock_.now();
    key.updated_at = key.created_at;
    if (made_with) key.expires_at = made_with->expires_at;
    issued.secret = crypto::random_alphanumeric(random_, kSecretLength);
    key.id = keys_.insert(key, crypto::hmac_sha256(hash_key_, issued.token()));
    return issued;
}

AuthenticatedKey ApiKeyService::authenticate(const std::string& token, const std::string& ip) {
    AuthenticatedKey out;
    if (token.size() != kIdentifierLength + kSecretLength ||
        !std::all_of(token.begin(), token.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
        })) {
        return out;
    }
    auto found = keys_.find_by_identifier(token.substr(0, kIdentifierLength));
    if (!found ||
        !crypto::constant_time_equals(crypto::hmac_sha256(hash_key_, token), found->secret_hash)) {
        return out;
    }
    const Timestamp now = clock_.now();
    if (found->key.expires_at && now >= *found->key.expires_at) return out;
    if (found->key.key_type != kAccountKeyType) {
        out.result = KeyCheck::application_key;
        out.key = std::move(found);
        return out;
    }
    const auto& allowed = found->key.allowed_ips;
    if (!allowed.empty()) {
        const auto address = IpAddress::parse(ip);
        const bool permitted =
            address && std::any_of(allowed.begin(), allowed.end(), [&](const std::string& entry) {
                const auto range = IpRange::parse(entry);
                return range && range->contains(*address);
            });
        if (!permitted) {
            out.result = KeyCheck::ip_not_allowed;
            out.key = std::move(found);
            return out;
        }
    }
    // The last-used time is worth knowing, not worth a write per request.
    const auto& last = found->key.last_used_at;
    if (!last || now - *last >= std::chrono::seconds(touch_interval_seconds_)) {
        keys_.touch(found->key.id, now);
        found->key.last_used_at = now;
    }
    out.result = KeyCheck::ok;
    out.key = std::move(found);
    return out;
}

}  // namespace accountd::services
