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
    if (made_with && is_restricted(*made_with)) {
        throw ServiceError::not_permitted("a restricted key adding an SSH key");
    }
    const std::string trimmed_name = trim(name);
    if (trimmed_name.empty()) throw ServiceError::invalid("name", Rule::required);
    if (utf8_length(trimmed_name) > 191) throw ServiceError::invalid("name", Rule::max, "191");
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
    const auto too_many = [] {
        return ServiceError::invalid("public_key", Rule::ssh_too_many,
                                     std::to_string(kMaxSshKeysPerUser));
    };
    // A cheap refusal for the common case; the insert below holds the cap against creates
    // running at once.
    if (keys_.count_for_user(user_id) >= kMaxSshKeysPerUser) throw too_many();
    SshKey key;
    key.uuid = crypto::random_uuid_v4(random_);
    key.user_id = user_id;
    key.name = trimmed_name;
    key.fingerprint = parsed_key.fingerprint();
    key.public_key = parsed_key.pem();
    key.created_at = clock_.now();
    switch (keys_.insert_within_cap(key, kMaxSshKeysPerUser)) {
        case SshKeyRepository::Insert::stored:
            break;
        case SshKeyRepository::Insert::duplicate:
            throw ServiceError::invalid("public_key", Rule::ssh_duplicate);
        case SshKeyRepository::Insert::cap_reached:
            throw too_many();
    }
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
