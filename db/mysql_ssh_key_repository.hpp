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

  private:
    Database& db_;
};

}  // namespace accountd::db
