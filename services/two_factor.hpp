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

/// The user's TOTP secret as stored: sealed (crypto::SecretBox), and when it was stored as a
/// pending secret (null for secrets stored before that was recorded, schema 12).
struct StoredSecret {
    std::string sealed;
    std::optional<Timestamp> set_at;
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
    /// The stored secret, pending or enabled; null when none was set up.
    virtual std::optional<StoredSecret> secret(std::uint64_t user_id) = 0;
    /// Stores `sealed` as the user's pending secret, set at `now`, without enabling two-factor,
    /// unless two-factor is enabled or a pending secret set at or after `fresh_since` is stored:
    /// false then. Atomic across workers: of two setups racing, one stores and the other sees it.
    virtual bool offer_pending_secret(std::uint64_t user_id, const std::string& sealed,
                                      Timestamp now, Timestamp fresh_since) = 0;
    /// Replaces the stored secret by the same secret sealed anew (under the current key), only
    /// if it is still `old_sealed`; false otherwise. Keeps set_at.
    virtual bool reseal_secret(std::uint64_t user_id, const std::string& old_sealed,
                               const std::string& new_sealed) = 0;
    /// Turns two-factor on with `step` as the last used time step and replaces the codes.
    virtual void enable(std::uint64_t user_id, std::int64_t step,
                        const std::vector<RecoveryCode>& codes, Timestamp now) = 0;
    /// Turns two-factor off and forgets the secret, the last step and every recovery code.
    virtual void disable(std::uint64_t user_id, Timestamp now) = 0;
    /// Records `step` as used if it is later than the last one; false when it was not (replay).
    /// Atomic across workers.
    virtual bool claim_step(std::uint64_t user_id, std::int64_t step) = 0;
    /// The last time step accepted for the user (enable, sign-in or confirmation); null when
    /// none since two-factor was last disabled.
    virtual std::optional<std::int64_t> last_used_step(std::uint64_t user_id) = 0;
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
