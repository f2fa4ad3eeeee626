#pragma once
// Storage contract for two-factor state (implemented in db/): the encrypted TOTP secret and its
// last accepted step on the user row, recovery codes, and sign-ins waiting for a second factor.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/clock.hpp"

namespace accountd::services {

struct RecoveryCode {
    std::uint64_t id = 0;
    std::string salt;
    std::string code_hash;
};

struct PendingLogin {
    std::uint64_t id = 0;
    std::uint64_t user_id = 0;
    std::string dialect;
    Timestamp expires_at{};
};

class TwoFactorRepository {
  public:
    virtual ~TwoFactorRepository() = default;
    /// The sealed secret (secret box bytes), null when none was set up.
    virtual std::optional<std::string> secret(std::uint64_t user_id) = 0;
    /// Stores a new pending secret without enabling two-factor.
    virtual void set_secret(std::uint64_t user_id, const std::string& sealed) = 0;
    /// Turns two-factor on with `step` as the last used time step and replaces the codes.
    virtual void enable(std::uint64_t user_id, std::int64_t step,
                        const std::vector<RecoveryCode>& codes, Timestamp now) = 0;
    /// Turns two-factor off and forgets the secret, the last step and every recovery code.
    virtual void disable(std::uint64_t user_id, Timestamp now) = 0;
    /// Records `step` as used if it is later than the last one; false when it was not (replay).
    /// Atomic across workers.
    virtual bool claim_step(std::uint64_t user_id, std::int64_t step) = 0;
    virtual std::vector<RecoveryCode> recovery_codes(std::uint64_t user_id) = 0;
    /// False when the code was already used (by a concurrent request).
    virtual bool delete_recovery_code(std::uint64_t code_id) = 0;

    /// Stores a pending sign-in (expired ones go with housekeeping).
    virtual void insert_pending(const std::string& token_hash, const PendingLogin& pending) = 0;
    virtual std::optional<PendingLogin> find_pending(const std::string& token_hash) = 0;
    /// False when it was already gone (used by a concurrent request).
    virtual bool delete_pending(std::uint64_t id) = 0;
    virtual void delete_pending_for_user(std::uint64_t user_id) = 0;
    /// Counts a wrong code against the pending sign-in and deletes it once `max_failures` have
    /// been counted.
    virtual void count_pending_failure(std::uint64_t id, int max_failures) = 0;
};

}  // namespace accountd::services
