#pragma once

#include <memory>

#include "db/database.hpp"
#include "db/prepared_query.hpp"
#include "services/session_repository.hpp"

namespace accountd::db {

class MysqlSessionRepository final : public services::SessionRepository {
  public:
    explicit MysqlSessionRepository(Database& db);
    ~MysqlSessionRepository() override;

    std::uint64_t insert(const services::Session& session, const std::string& token_hash) override;
    std::optional<services::SessionWithUser> find_by_token_hash(
        const std::string& token_hash) override;
    void touch(std::uint64_t session_id, services::Timestamp now, const std::string& ip) override;
    bool remove(std::uint64_t session_id) override;
    bool remove_owned(const std::string& public_id, std::uint64_t user_id) override;
    std::uint64_t remove_all_for_user_except(std::uint64_t user_id,
                                             std::optional<std::uint64_t> keep) override;
    std::optional<services::Session> find_owned(const std::string& public_id,
                                                std::uint64_t user_id) override;
    services::SessionPage list_for_user(const services::SessionQuery& query) override;

  private:
    Database& db_;
    /// The hot-path query, prepared on the server once per connection; rebuilt after an error.
    std::unique_ptr<PreparedQuery> token_lookup_;
};

}  // namespace accountd::db
