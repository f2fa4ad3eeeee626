#pragma once

#include "db/database.hpp"
#include "services/ssh_key.hpp"

namespace accountd::db {

class MysqlSshKeyRepository final : public services::SshKeyRepository {
  public:
    explicit MysqlSshKeyRepository(Database& db) : db_(db) {}

    std::vector<services::SshKey> list_for_user(std::uint64_t user_id) override;
    bool insert(const services::SshKey& key) override;
    bool remove(std::uint64_t user_id, const std::string& fingerprint) override;
    std::uint64_t count_for_user(std::uint64_t user_id) override;
    Insert insert_within_cap(const services::SshKey& key, std::uint64_t cap) override;
    Insert insert_named_within_cap(const services::SshKey& key, std::uint64_t cap) override;
    std::vector<services::SshKey> page_for_user(std::uint64_t user_id, std::uint64_t offset,
                                                std::uint32_t limit,
                                                const std::optional<std::string>& search) override;
    std::uint64_t count_matching(std::uint64_t user_id,
                                 const std::optional<std::string>& search) override;
    std::optional<services::SshKey> find(std::uint64_t user_id, const std::string& uuid) override;
    Rename rename(std::uint64_t user_id, const std::string& uuid, const std::string& name) override;
    bool remove_by_uuid(std::uint64_t user_id, const std::string& uuid) override;

  private:
    Insert insert_capped(const services::SshKey& key, std::uint64_t cap, bool distinct_name);
    /// Locks the owner's users row until the transaction ends: writes that check the owner's
    /// other keys first queue on it, so the check stays true until the commit.
    void lock_owner(std::uint64_t user_id);

    Database& db_;
};

}  // namespace accountd::db
