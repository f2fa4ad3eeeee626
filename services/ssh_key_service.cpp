#include "services/ssh_key_service.hpp"

#include <algorithm>

#include "crypto/ssh_public_key.hpp"
#include "services/text.hpp"

namespace accountd::services {
SshKey SshKeyService::add(std::uint64_t user_id, const std::string& name,
                          const std::string& public_key) {
    const std::string trimmed_name = trim(name);
    if (trimmed_name.empty()) throw RuleViolation("name", "required");
    if (utf8_length(trimmed_name) > 191) throw RuleViolation("name", "max", "191");
    if (trim(public_key).empty()) throw RuleViolation("public_key", "required");
    const auto parsed = crypto::parse_ssh_public_key(public_key);
    if (const auto* problem = std::get_if<crypto::SshKeyProblem>(&parsed)) {
        switch (*problem) {
            case crypto::SshKeyProblem::dsa:
                throw RuleViolation("public_key", "dsa");
            case crypto::SshKeyProblem::rsa_too_short:
                throw RuleViolation("public_key", "rsa_too_short");
            case crypto::SshKeyProblem::not_valid:
                break;
        }
        throw RuleViolation("public_key", "not_valid");
    }
    const auto& parsed_key = std::get<crypto::SshPublicKey>(parsed);
    if (keys_.count_for_user(user_id) >= kMaxSshKeysPerUser) {
        throw RuleViolation("public_key", "too_many", std::to_string(kMaxSshKeysPerUser));
    }
    SshKey key;
    key.uuid = crypto::random_uuid_v4(random_);
    key.user_id = user_id;
    key.name = trimmed_name;
    key.fingerprint = parsed_key.fingerprint();
    key.public_key = parsed_key.pem();
    key.created_at = clock_.now();
    if (!keys_.insert(key)) throw RuleViolation("public_key", "duplicate");
    return key;
}

}  // namespace accountd::services
