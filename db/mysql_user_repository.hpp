#pragma once

#include "db/database.hpp"
#include "services/user_repository.hpp"

namespace accountd::db {

class MysqlUserRepository final : public services::UserRepository {
  public:
    explicit MysqlUserRepository(Database& db) : db_(db) {}

    std::optional<services::User> find_by_id(std::uint64_t id) override;
    std::optional<services::User> find_by_username(const std::string& username) override;
    std::optional<services::User> find_by_email(const std::string& email) override;
    std::string fold_identifier(const std::string& identifier) override;
    bool has_any_user() override;
    std::uint64_t insert(const services::User& user) override;
    void update_password_hash(std::uint64_t id, const std::string& hash,
                              services::Timestamp now) override;
    void update_email(std::uint64_t id, const std::string& email, services::Timestamp now) override;
    void update_profile(std::uint64_t id, const services::ProfileChanges& changes,
                        services::Timestamp now) override;
    std::optional<std::string> replace_avatar(std::uint64_t id,
                                              const std::optional<std::string>& path,
                                              services::Timestamp now) override;
    void update_account_state(std::uint64_t id, const services::AccountStateChanges& changes,
                              services::Timestamp now) override;
    std::map<std::string, std::string> profile_fields(std::uint64_t id) override;
    void write_profile_fields(std::uint64_t id,
                              const std::map<std::string, std::optional<std::string>>& fields,
                              services::Timestamp now) override;

  private:
    std::optional<services::User> find_one(const char* operation, const std::string& where_column,
                                           const std::string& value);
    Database& db_;
};

}  // namespace accountd::db
