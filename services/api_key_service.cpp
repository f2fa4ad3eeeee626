#include "services/api_key_service.hpp"

#include <algorithm>

#include "crypto/hash.hpp"
#include "services/api_key_scope.hpp"
#include "services/ip_range.hpp"
#include "services/text.hpp"

namespace accountd::services {

ApiKeyService::ApiKeyService(ApiKeyRepository& keys, ActivityService& activity,
                             crypto::RandomSource& random, const Clock& clock, std::string hash_key,
                             int touch_interval_seconds, ApiKeyLimits limits,
                             ThrottleRepository* buckets)
    : keys_(keys),
      activity_(activity),
      random_(random),
      clock_(clock),
      hash_key_(std::move(hash_key)),
      touch_interval_seconds_(touch_interval_seconds),
      limits_(limits),
      buckets_(buckets) {}

bool ApiKeyService::grants(const ApiKey& key, const std::string& permission) {
    return !key.permissions || std::find(key.permissions->begin(), key.permissions->end(),
                                         permission) != key.permissions->end();
}

IssuedApiKey ApiKeyService::create(const ApiKeyFormat& format, std::uint64_t user_id,
                                   const NewApiKey& request, const ApiKey* made_with) {
    const auto& description = request.description;
    const auto& allowed_ips = request.allowed_ips;
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
    auto permissions = request.permissions;
    if (made_with && made_with->permissions) {
        if (!permissions) {
            permissions = made_with->permissions;
        } else {
            for (std::size_t i = 0; i < permissions->size(); ++i) {
                if (!grants(*made_with, (*permissions)[i])) {
                    problems.push_back(
                        {"permissions." + std::to_string(i), Rule::narrower, (*permissions)[i]});
                }
            }
        }
    }
    if (!problems.empty()) throw ServiceError::invalid(std::move(problems));
    // A cheap refusal for the common case; the insert below is what holds the cap against
    // creates running at once.
    if (keys_.count_for_user(user_id, format.name, kAccountKeyType) >= limits_.max_keys_per_user) {
        throw ServiceError::limit_reached();
    }
    IssuedApiKey issued;
    ApiKey& key = issued.key;
    key.user_id = user_id;
    key.key_type = kAccountKeyType;
    key.uuid = crypto::random_uuid_v4(random_);
    key.format = format.name;
    key.identifier = format.new_identifier(random_);
    key.permissions = std::move(permissions);
    key.description = description;
    key.allowed_ips = std::move(ips);
    key.created_at = clock_.now();
    key.updated_at = key.created_at;
    if (made_with) {
        key.expires_at = made_with->expires_at;
        // A key made by a Calagopus key is limited as far as its maker in every namespace.
        key.admin_permissions = made_with->admin_permissions;
        key.server_permissions = made_with->server_permissions;
    }
    issued.secret = format.new_secret(random_);
    const auto id = keys_.insert_within_cap(key, crypto::hmac_sha256(hash_key_, issued.token()),
                                            limits_.max_keys_per_user);
    if (!id) throw ServiceError::limit_reached();
    key.id = *id;
    return issued;
}

bool ApiKeyService::remove(const ApiKeyFormat& format, std::uint64_t user_id,
                           const std::string& identifier, const ApiKey* made_with) {
    if (!format.plausible_identifier(identifier)) return false;
    const auto target = keys_.find_by_identifier(identifier);
    // Someone else's key, one of another kind or one this dialect cannot carry answers like a
    // missing one.
    if (!target || target->key.user_id != user_id || !format.accepts(target->key.format) ||
        target->key.key_type != kAccountKeyType) {
        return false;
    }
    if (made_with && is_restricted(*made_with) && !is_within(target->key, *made_with)) {
        throw ServiceError::not_permitted("a restricted key deleting a wider key");
    }
    return keys_.remove(user_id, target->key.format, kAccountKeyType, identifier);
}

std::vector<ApiKey> ApiKeyService::list_account(const ApiKeyFormat& format, std::uint64_t user_id) {
    std::vector<ApiKey> out;
    for (const ApiKeyFormat* each :
         {&pterodactyl_key_format(), &calagopus_key_format(), &eclipanel_key_format()}) {
        if (!format.accepts(each->name)) continue;
        auto keys = keys_.list_for_user(user_id, each->name, kAccountKeyType);
        out.insert(out.end(), keys.begin(), keys.end());
    }
    std::sort(out.begin(), out.end(), [](const ApiKey& a, const ApiKey& b) { return a.id < b.id; });
    return out;
}

IssuedApiKey ApiKeyService::issue(const ApiKeyFormat& format, ApiKey draft, std::uint64_t cap) {
    IssuedApiKey issued;
    ApiKey& key = issued.key;
    key = std::move(draft);
    key.key_type = kAccountKeyType;
    key.uuid = crypto::random_uuid_v4(random_);
    key.format = format.name;
    key.identifier = format.new_identifier(random_);
    key.created_at = clock_.now();
    key.updated_at = key.created_at;
    issued.secret = format.new_secret(random_);
    const auto id =
        keys_.insert_within_cap(key, crypto::hmac_sha256(hash_key_, issued.token()), cap);
    if (!id) throw ServiceError::limit_reached();
    key.id = *id;
    return issued;
}

std::optional<ApiKey> ApiKeyService::find_live(std::uint64_t user_id, const std::string& uuid) {
    auto key = keys_.find_by_uuid(user_id, uuid);
    if (!key || (key->expires_at && clock_.now() >= *key->expires_at)) return std::nullopt;
    return key;
}

std::optional<ApiKey> ApiKeyService::find_live_by_identifier(std::uint64_t user_id,
                                                             const std::string& identifier) {
    auto found = keys_.find_by_identifier(identifier);
    if (!found || found->key.user_id != user_id || found->key.key_type != kAccountKeyType ||
        (found->key.expires_at && clock_.now() >= *found->key.expires_at)) {
        return std::nullopt;
    }
    return std::move(found->key);
}

void ApiKeyService::update(ApiKey key) {
    key.updated_at = clock_.now();
    keys_.update(key);
}

IssuedApiKey ApiKeyService::recreate(ApiKey key) {
    const ApiKeyFormat* format = key_format_named(key.format);
    if (format == nullptr) format = &calagopus_key_format();
    IssuedApiKey issued;
    issued.key = std::move(key);
    issued.key.identifier = format->new_identifier(random_);
    issued.key.updated_at = clock_.now();
    issued.secret = format->new_secret(random_);
    keys_.replace_secret(issued.key.id, issued.key.identifier,
                         crypto::hmac_sha256(hash_key_, issued.token()), issued.key.updated_at);
    return issued;
}

AuthenticatedKey ApiKeyService::authenticate(const ApiKeyFormat& format, const std::string& token,
                                             const std::string& ip) {
    AuthenticatedKey out;
    // The key in the shape of the dialect's own format, else of a format it also accepts.
    const ApiKeyFormat* shape = &format;
    auto canonical = format.canonical(token);
    for (const auto& name : format.also_accepts) {
        if (canonical) break;
        shape = key_format_named(name);
        if (shape != nullptr) canonical = shape->canonical(token);
    }
    if (!canonical) return out;
    auto found = keys_.find_by_identifier(shape->identifier_of(*canonical));
    // One account's keys work in every dialect that can carry them (SECURITY.md), each with
    // its own restrictions.
    if (!found || !format.accepts(found->key.format) ||
        !crypto::constant_time_equals(crypto::hmac_sha256(hash_key_, *canonical),
                                      found->secret_hash)) {
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
        // The first refusal of a window is recorded, the rest only answered: the owner learns
        // that the key is used from elsewhere without each request adding a row. The bucket's
        // one row per key is what a flood costs.
        const bool record =
            !permitted &&
            (buckets_ == nullptr || buckets_->hit("ip-blocked|" + std::to_string(found->key.id),
                                                  limits_.ip_blocked_record_seconds, now)
                                            .hits == 1);
        if (record) {
            activity_.record({"auth:ip-blocked",
                              found->key.user_id,
                              found->key.user_id,
                              ip,
                              {{"identifier", found->key.identifier}},
                              found->key.id});
        }
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
