#include "services/ssh_key_service.hpp"

#include <algorithm>
#include <cctype>

#include "crypto/ssh_public_key.hpp"
#include "services/api_key_scope.hpp"
#include "services/text.hpp"

namespace accountd::services {
namespace {

// A fingerprint is unpadded base64 of a SHA-256: anything else cannot be one of ours, and is
// not worth a query.
bool looks_like_fingerprint(const std::string& text) {
    return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=';
    });
}

}  // namespace

SshKey SshKeyService::add(std::uint64_t user_id, const std::string& name,
                          const std::string& public_key, const ApiKey* made_with) {
    return add(user_id, name, public_key, made_with, SshKeyRules{});
}

std::string SshKeyService::checked_name(const std::string& name, const SshKeyRules& rules) const {
    std::string trimmed_name = trim(name);
    const auto length = utf8_length(trimmed_name);
    if (trimmed_name.empty() && rules.name_min <= 1) {
        throw ServiceError::invalid("name", Rule::required);
    }
    if (length < rules.name_min) {
        throw ServiceError::invalid("name", Rule::min, std::to_string(rules.name_min));
    }
    if (length > rules.name_max) {
        throw ServiceError::invalid("name", Rule::max, std::to_string(rules.name_max));
    }
    return trimmed_name;
}

SshKey SshKeyService::add(std::uint64_t user_id, const std::string& name,
                          const std::string& public_key, const ApiKey* made_with,
                          const SshKeyRules& rules) {
    if (made_with && is_restricted(*made_with)) {
        throw ServiceError::not_permitted("a restricted key adding an SSH key");
    }
    const std::string trimmed_name = checked_name(name, rules);
    if (trim(public_key).empty()) throw ServiceError::invalid("public_key", Rule::required);
    const auto parsed = crypto::parse_ssh_public_key(public_key);
    if (const auto* problem = std::get_if<crypto::SshKeyProblem>(&parsed)) {
        switch (*problem) {
            case crypto::SshKeyProblem::dsa:
                throw ServiceError::invalid("public_key", Rule::ssh_dsa);
            case crypto::SshKeyProblem::rsa_too_short:
                throw ServiceError::invalid("public_key", Rule::ssh_rsa_too_short);
            case crypto::SshKeyProblem::not_valid:
                break;
        }
        throw ServiceError::invalid("public_key", Rule::ssh_not_valid);
    }
    const auto& parsed_key = std::get<crypto::SshPublicKey>(parsed);
    const auto too_many = [&rules] {
        return ServiceError::invalid("public_key", Rule::ssh_too_many,
                                     std::to_string(rules.max_keys));
    };
    // A cheap refusal for the common case; the insert below holds the cap against creates
    // running at once.
    if (keys_.count_for_user(user_id) >= rules.max_keys) throw too_many();
    SshKey key;
    key.uuid = crypto::random_uuid_v4(random_);
    key.user_id = user_id;
    key.name = trimmed_name;
    key.fingerprint = parsed_key.fingerprint();
    key.public_key = parsed_key.pem();
    key.created_at = clock_.now();
    const auto stored = rules.distinct_names ? keys_.insert_named_within_cap(key, rules.max_keys)
                                             : keys_.insert_within_cap(key, rules.max_keys);
    switch (stored) {
        case SshKeyRepository::Insert::stored:
            break;
        case SshKeyRepository::Insert::duplicate:
            throw ServiceError::invalid("public_key", Rule::ssh_duplicate);
        case SshKeyRepository::Insert::cap_reached:
            throw too_many();
    }
    return key;
}

SshKeyPage SshKeyService::page(std::uint64_t user_id, std::uint64_t offset, std::uint32_t limit,
                               const std::optional<std::string>& search) {
    SshKeyPage page;
    page.total = keys_.count_matching(user_id, search);
    if (offset < page.total) page.keys = keys_.page_for_user(user_id, offset, limit, search);
    return page;
}

std::optional<SshKey> SshKeyService::find(std::uint64_t user_id, const std::string& uuid) {
    return keys_.find(user_id, uuid);
}

SshKeyService::Renamed SshKeyService::rename(std::uint64_t user_id, const std::string& uuid,
                                             const std::string& name, const SshKeyRules& rules) {
    if (!keys_.find(user_id, uuid)) return Renamed::not_found;
    const std::string trimmed_name = checked_name(name, rules);
    switch (keys_.rename(user_id, uuid, trimmed_name)) {
        case SshKeyRepository::Rename::renamed:
            return Renamed::renamed;
        case SshKeyRepository::Rename::not_found:
            return Renamed::not_found;
        case SshKeyRepository::Rename::duplicate_name:
            break;
    }
    return Renamed::name_taken;
}

std::vector<SshKey> SshKeyService::import(std::uint64_t user_id,
                                          const std::vector<ProvidedKey>& keys,
                                          const SshKeyRules& rules) {
    std::vector<SshKey> stored;
    for (const auto& provided : keys) {
        try {
            stored.push_back(add(user_id, provided.name, provided.public_key, nullptr, rules));
        } catch (const ServiceError& e) {
            if (e.kind() != ServiceError::Kind::invalid_fields) throw;
            if (e.violations().front().rule == Rule::ssh_too_many) break;
        }
    }
    return stored;
}

std::optional<SshKey> SshKeyService::remove_by_uuid(std::uint64_t user_id,
                                                    const std::string& uuid) {
    auto key = keys_.find(user_id, uuid);
    if (key && !keys_.remove_by_uuid(user_id, uuid)) return std::nullopt;
    return key;
}

bool SshKeyService::remove(std::uint64_t user_id, const std::string& fingerprint,
                           const ApiKey* made_with) {
    if (made_with && is_restricted(*made_with)) {
        throw ServiceError::not_permitted("a restricted key removing an SSH key");
    }
    return looks_like_fingerprint(fingerprint) && keys_.remove(user_id, fingerprint);
}

}  // namespace accountd::services
