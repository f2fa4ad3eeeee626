#pragma once

#include "db/database.hpp"
#include "services/two_factor.hpp"

namespace accountd::db {

class MysqlTwoFactorRepository final : public services::TwoFactorRepository {
  public:
    explicit MysqlTwoFactorRepository(Database& db) : db_(db) {}

    std::optional<services::StoredSecret> secret(std::uint64_t user_id) override;
    bool offer_pending_secret(std::uint64_t user_id, const std::string& sealed,
                              services::Timestamp now, services::Timestamp fresh_since) override;
    bool reseal_secret(std::uint64_t user_id, const std::string& old_sealed,
                       const std::string& new_sealed) override;
    void enable(std::uint64_t user_id, std::int64_t step,
                const std::vector<services::RecoveryCode>& codes, services::Timestamp now) override;
    void disable(std::uint64_t user_id, services::Timestamp now) override;
    bool claim_step(std::uint64_t user_id, std::int64_t step) override;
    std::optional<std::int64_t> last_used_step(std::uint64_t user_id) override;
    std::vector<services::RecoveryCode> recovery_codes(std::uint64_t user_id) override;
    bool delete_recovery_code(std::uint64_t code_id) override;
    void insert_pending(const std::string& token_hash,
                        const services::PendingLogin& pending) override;
    std::optional<services::PendingLogin> find_pending(const std::string& token_hash) override;
    bool delete_pending(std::uint64_t id) override;
    void delete_pending_for_user(std::uint64_t user_id) override;
    void count_pending_failure(std::uint64_t id, int max_failures) override;

  private:
    Database& db_;
};

}  // namespace accountd::db
