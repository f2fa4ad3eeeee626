#pragma once

#include <memory>

#include "db/database.hpp"
#include "db/prepared_query.hpp"
#include "services/api_key.hpp"

namespace accountd::db {

class MysqlApiKeyRepository final : public services::ApiKeyRepository {
  public:
    explicit MysqlApiKeyRepository(Database& db) : db_(db) {}

    std::vector<services::ApiKey> list_for_user(std::uint64_t user_id, const std::string& format,
                                                int key_type) override;
    std::optional<std::uint64_t> insert_within_cap(const services::ApiKey& key,
                                                   const std::string& secret_hash,
                                                   std::uint64_t cap) override;
    std::uint64_t count_for_user(std::uint64_t user_id, const std::string& format,
                                 int key_type) override;
    std::uint64_t insert(const services::ApiKey& key, const std::string& secret_hash) override;
    std::optional<services::ApiKeyWithOwner> find_by_identifier(
        const std::string& identifier) override;
    bool remove(std::uint64_t user_id, const std::string& format, int key_type,
                const std::string& identifier) override;
    void touch(std::uint64_t key_id, services::Timestamp now) override;
    services::ApiKeyPage list_page(std::uint64_t user_id, services::Timestamp now,
                                   const std::optional<std::string>& search, std::uint64_t offset,
                                   std::uint32_t limit) override;
    std::optional<services::ApiKey> find_by_uuid(std::uint64_t user_id,
                                                 const std::string& uuid) override;
    bool description_taken(std::uint64_t user_id, const std::string& description,
                           std::uint64_t except_id) override;
    bool update(const services::ApiKey& key) override;
    bool replace_secret(std::uint64_t key_id, const std::string& identifier,
                        const std::string& secret_hash, services::Timestamp now) override;

  private:
    bool find_id(std::uint64_t key_id, std::uint64_t user_id);
    Database& db_;
    /// The per-request lookup, prepared on the server once per connection.
    std::unique_ptr<PreparedQuery> lookup_;
};

}  // namespace accountd::db
