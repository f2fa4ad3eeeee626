#include "db/mysql_two_factor_repository.hpp"

#include "db/time_convert.hpp"

namespace accountd::db {
namespace {

long long as_id(std::uint64_t id) {
    return static_cast<long long>(id);
}

}  // namespace

std::optional<services::StoredSecret> MysqlTwoFactorRepository::secret(std::uint64_t user_id) {
    return guarded("two_factor.secret", [&]() -> std::optional<services::StoredSecret> {
        services::StoredSecret stored;
        std::tm set_at{};
        soci::indicator secret_ind = soci::i_null;
        soci::indicator set_at_ind = soci::i_null;
        const long long id = as_id(user_id);
        db_.sql() << "SELECT totp_secret, totp_secret_set_at FROM users WHERE id = :id",
            soci::use(id), soci::into(stored.sealed, secret_ind), soci::into(set_at, set_at_ind);
        if (!db_.sql().got_data() || secret_ind != soci::i_ok) return std::nullopt;
        if (set_at_ind == soci::i_ok) stored.set_at = from_tm(set_at);
        return stored;
    });
}

bool MysqlTwoFactorRepository::offer_pending_secret(std::uint64_t user_id,
                                                    const std::string& sealed,
                                                    services::Timestamp now,
                                                    services::Timestamp fresh_since) {
    return guarded("two_factor.offer_pending_secret", [&] {
        const long long id = as_id(user_id);
        const std::tm at = to_tm(now);
        const std::tm fresh = to_tm(fresh_since);
        // One conditional UPDATE: of two setups racing, one stores and the other changes nothing.
        soci::statement st =
            (db_.sql().prepare << "UPDATE users SET totp_secret = :s, totp_secret_set_at = :at "
                                  "WHERE id = :id AND totp_enabled = 0 AND (totp_secret IS NULL "
                                  "OR totp_secret_set_at IS NULL OR totp_secret_set_at < :fresh)",
             soci::use(sealed), soci::use(at), soci::use(id), soci::use(fresh));
        st.execute(true);
        return st.get_affected_rows() == 1;
    });
}

bool MysqlTwoFactorRepository::reseal_secret(std::uint64_t user_id, const std::string& old_sealed,
                                             const std::string& new_sealed) {
    return guarded("two_factor.reseal_secret", [&] {
        const long long id = as_id(user_id);
        soci::statement st = (db_.sql().prepare << "UPDATE users SET totp_secret = :new "
                                                   "WHERE id = :id AND totp_secret = :old",
                              soci::use(new_sealed), soci::use(id), soci::use(old_sealed));
        st.execute(true);
        return st.get_affected_rows() == 1;
    });
}

void MysqlTwoFactorRepository::enable(std::uint64_t user_id, std::int64_t step,
                                      const std::vector<services::RecoveryCode>& codes,
                                      services::Timestamp now) {
    guarded("two_factor.enable", [&] {
        const long long id = as_id(user_id);
        const long long last_step = step;
        const std::tm at = to_tm(now);
        soci::transaction tx(db_.sql());
        db_.sql() << "DELETE FROM recovery_codes WHERE user_id = :id", soci::use(id);
        for (const auto& code : codes) {
            db_.sql() << "INSERT INTO recovery_codes (user_id, salt, code_hash, created_at) "
                         "VALUES (:id, :salt, :hash, :at)",
                soci::use(id), soci::use(code.salt), soci::use(code.code_hash), soci::use(at);
        }
        // Never moves the last step back: a step used before stays used.
        db_.sql() << "UPDATE users SET totp_enabled = 1, "
                     "totp_last_step = GREATEST(COALESCE(totp_last_step, -1), :step), "
                     "updated_at = :at WHERE id = :id",
            soci::use(last_step), soci::use(at), soci::use(id);
        tx.commit();
        return 0;
    });
}

void MysqlTwoFactorRepository::disable(std::uint64_t user_id, services::Timestamp now) {
    guarded("two_factor.disable", [&] {
        const long long id = as_id(user_id);
        const std::tm at = to_tm(now);
        soci::transaction tx(db_.sql());
        db_.sql() << "DELETE FROM recovery_codes WHERE user_id = :id", soci::use(id);
        db_.sql()
            << "UPDATE users SET totp_enabled = 0, totp_secret = NULL, totp_secret_set_at = NULL, "
               "totp_last_step = NULL, updated_at = :at WHERE id = :id",
            soci::use(at), soci::use(id);
        tx.commit();
        return 0;
    });
}

bool MysqlTwoFactorRepository::claim_step(std::uint64_t user_id, std::int64_t step) {
    return guarded("two_factor.claim_step", [&] {
        const long long id = as_id(user_id);
        const long long s = step;
        // One conditional UPDATE: of two requests with the same code, exactly one changes the row.
        soci::statement st =
            (db_.sql().prepare << "UPDATE users SET totp_last_step = :step WHERE id = :id AND "
                                  "(totp_last_step IS NULL OR totp_last_step < :step2)",
             soci::use(s, "step"), soci::use(id, "id"), soci::use(s, "step2"));
        st.execute(true);
        return st.get_affected_rows() == 1;
    });
}

std::optional<std::int64_t> MysqlTwoFactorRepository::last_used_step(std::uint64_t user_id) {
    return guarded("two_factor.last_used_step", [&]() -> std::optional<std::int64_t> {
        const long long id = as_id(user_id);
        long long step = 0;
        soci::indicator step_ind = soci::i_null;
        db_.sql() << "SELECT totp_last_step FROM users WHERE id = :id", soci::into(step, step_ind),
            soci::use(id);
        if (!db_.sql().got_data() || step_ind != soci::i_ok) return std::nullopt;
        return step;
    });
}

std::vector<services::RecoveryCode> MysqlTwoFactorRepository::recovery_codes(
    std::uint64_t user_id) {
    return guarded("two_factor.recovery_codes", [&] {
        std::vector<services::RecoveryCode> codes;
        const long long id = as_id(user_id);
        unsigned long long code_id = 0;
        std::string salt, hash;
        soci::statement st =
            (db_.sql().prepare << "SELECT id, salt, code_hash FROM recovery_codes "
                                  "WHERE user_id = :id ORDER BY id",
             soci::use(id), soci::into(code_id), soci::into(salt), soci::into(hash));
        st.execute();
        while (st.fetch())
            codes.push_back({code_id, salt, hash});
        return codes;
    });
}

bool MysqlTwoFactorRepository::delete_recovery_code(std::uint64_t code_id) {
    return guarded("two_factor.delete_recovery_code", [&] {
        const long long id = as_id(code_id);
        soci::statement st =
            (db_.sql().prepare << "DELETE FROM recovery_codes WHERE id = :id", soci::use(id));
        st.execute(true);
        return st.get_affected_rows() == 1;
    });
}

void MysqlTwoFactorRepository::insert_pending(const std::string& token_hash,
                                              const services::PendingLogin& pending) {
    guarded("two_factor.insert_pending", [&] {
        const long long user = as_id(pending.user_id);
        const std::tm expires = to_tm(pending.expires_at);
        db_.sql() << "INSERT INTO pending_logins (token_hash, user_id, dialect, expires_at) "
                     "VALUES (:hash, :user, :dialect, :expires)",
            soci::use(token_hash), soci::use(user), soci::use(pending.dialect), soci::use(expires);
        return 0;
    });
}

std::optional<services::PendingLogin> MysqlTwoFactorRepository::find_pending(
    const std::string& token_hash) {
    return guarded("two_factor.find_pending", [&]() -> std::optional<services::PendingLogin> {
        services::PendingLogin pending;
        unsigned long long id = 0, user = 0;
        std::tm expires{};
        db_.sql() << "SELECT id, user_id, dialect, expires_at FROM pending_logins "
                     "WHERE token_hash = :hash",
            soci::use(token_hash), soci::into(id), soci::into(user), soci::into(pending.dialect),
            soci::into(expires);
        if (!db_.sql().got_data()) return std::nullopt;
        pending.id = id;
        pending.user_id = user;
        pending.expires_at = from_tm(expires);
        return pending;
    });
}

bool MysqlTwoFactorRepository::delete_pending(std::uint64_t id) {
    return guarded("two_factor.delete_pending", [&] {
        const long long pid = as_id(id);
        soci::statement st =
            (db_.sql().prepare << "DELETE FROM pending_logins WHERE id = :id", soci::use(pid));
        st.execute(true);
        return st.get_affected_rows() == 1;
    });
}

void MysqlTwoFactorRepository::count_pending_failure(std::uint64_t id, int max_failures) {
    guarded("two_factor.count_pending_failure", [&] {
        const long long pid = as_id(id);
        db_.sql() << "UPDATE pending_logins SET failures = failures + 1 WHERE id = :id",
            soci::use(pid);
        db_.sql() << "DELETE FROM pending_logins WHERE id = :id AND failures >= :max",
            soci::use(pid, "id"), soci::use(max_failures, "max");
        return 0;
    });
}

void MysqlTwoFactorRepository::delete_pending_for_user(std::uint64_t user_id) {
    guarded("two_factor.delete_pending_for_user", [&] {
        const long long user = as_id(user_id);
        db_.sql() << "DELETE FROM pending_logins WHERE user_id = :u", soci::use(user);
        return 0;
    });
}

}  // namespace accountd::db
