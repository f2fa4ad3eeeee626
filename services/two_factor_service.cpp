#include "services/two_factor_service.hpp"

#include "services/current_password.hpp"

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"

namespace accountd::services {
namespace {

constexpr std::size_t kSecretBytes = 20;  // 160 bits, RFC 4226 section 4's recommendation
constexpr std::size_t kConfirmationTokenLength = 64;

}  // namespace

TwoFactorService::TwoFactorService(TwoFactorRepository& store, SessionRepository& sessions,
                                   const crypto::PasswordHasher& hasher,
                                   const crypto::SecretBox& box, crypto::RandomSource& random,
                                   const Clock& clock, std::string token_key,
                                   TwoFactorSettings settings)
    : store_(store),
      sessions_(sessions),
      hasher_(hasher),
      box_(box),
      random_(random),
      clock_(clock),
      token_key_(std::move(token_key)),
      settings_(std::move(settings)) {}

std::string TwoFactorService::associated_data(const User& user) const {
    return "totp:" + user.uuid;
}

void TwoFactorService::require_fresh_sign_in(Timestamp signed_in_at) const {
    if (clock_.now() - signed_in_at > std::chrono::seconds(settings_.fresh_sign_in_seconds)) {
        throw ServiceError::two_factor(TwoFactorFailure::fresh_sign_in_needed);
    }
}

std::optional<std::string> TwoFactorService::open_secret(const User& user,
                                                         const StoredSecret& stored) {
    auto key = box_.open(stored.sealed, associated_data(user));
    // Sealed again under the current key as it is used, so a rotated-out key can be retired.
    // A concurrent change of the secret wins (the reseal then does nothing).
    if (key && !box_.sealed_with_current_key(stored.sealed, associated_data(user))) {
        store_.reseal_secret(user.id, stored.sealed, box_.seal(*key, associated_data(user)));
    }
    return key;
}

TotpSetup TwoFactorService::setup_for(const User& user, const std::string& key) const {
    TotpSetup setup;
    setup.secret = crypto::base32_encode(key, false);
    const std::string issuer = crypto::percent_encode(settings_.issuer);
    setup.otpauth_url = "otpauth://totp/" + issuer + ":" + crypto::percent_encode(user.email) +
                        "?secret=" + setup.secret + "&issuer=" + issuer;
    return setup;
}

TotpSetup TwoFactorService::begin_setup(const User& user) {
    if (user.totp_enabled) throw ServiceError::two_factor(TwoFactorFailure::already_enabled);
    const auto now = clock_.now();
    auto fresh_since = now - std::chrono::seconds(settings_.setup_seconds);
    // Twice at most: a second request (another tab) may store its secret between our read and
    // our write; then we show the one it stored.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (const auto stored = store_.secret(user.id);
            stored && stored->set_at && *stored->set_at >= fresh_since) {
            if (const auto key = open_secret(user, *stored)) return setup_for(user, *key);
            fresh_since = now + std::chrono::seconds(1);  // unreadable (its key is gone): replace
        }
        const std::string key = random_.bytes(kSecretBytes);
        if (store_.offer_pending_secret(user.id, box_.seal(key, associated_data(user)), now,
                                        fresh_since)) {
            return setup_for(user, key);
        }
    }
    // Neither stored nor readable: two-factor was enabled meanwhile.
    throw ServiceError::two_factor(TwoFactorFailure::already_enabled);
}

TwoFactorService::CodeCheck TwoFactorService::verify_code(const User& user,
                                                          const std::string& code) {
    const auto stored = store_.secret(user.id);
    if (!stored) throw ServiceError::two_factor(TwoFactorFailure::not_set_up);
    const auto key = open_secret(user, *stored);
    if (!key) throw ServiceError::two_factor(TwoFactorFailure::not_set_up);
    const auto now = clock_.now().time_since_epoch().count();
    const auto step = crypto::verify_totp(*key, code, now, settings_.totp, std::nullopt);
    if (!step) return CodeCheck::wrong;
    // claim_step refuses a step already used, atomically: a code works once, on one worker.
    return store_.claim_step(user.id, *step) ? CodeCheck::accepted : CodeCheck::replayed;
}

bool TwoFactorService::has_pending_setup(const User& user) {
    if (user.totp_enabled) return false;
    const auto stored = store_.secret(user.id);
    return stored && stored->set_at &&
           clock_.now() - *stored->set_at <= std::chrono::seconds(settings_.setup_seconds);
}

std::vector<std::string> TwoFactorService::enable(const User& user, const std::string& code,
                                                  const std::string& password,
                                                  std::optional<std::uint64_t> keep_session_id,
                                                  Timestamp signed_in_at) {
    // New recovery codes replace the ones the owner holds: as weighty as turning 2FA off.
    if (user.totp_enabled) require_fresh_sign_in(signed_in_at);
    require_current_password(hasher_, user, password, PasswordPurpose::two_factor);
    const auto now = clock_.now();
    const auto stored = store_.secret(user.id);
    if (!stored) throw ServiceError::two_factor(TwoFactorFailure::not_set_up);
    if (!user.totp_enabled &&
        (!stored->set_at ||
         now - *stored->set_at > std::chrono::seconds(settings_.setup_seconds))) {
        throw ServiceError::two_factor(TwoFactorFailure::setup_expired);
    }
    const auto key = open_secret(user, *stored);
    if (!key) throw ServiceError::two_factor(TwoFactorFailure::not_set_up);
    const auto step = crypto::verify_totp(*key, code, now.time_since_epoch().count(),
                                          settings_.totp, std::nullopt);
    if (!step) throw ServiceError::two_factor(TwoFactorFailure::invalid_code);
    // Enabling again (new recovery codes) must not accept a code already used to sign in.
    if (user.totp_enabled && !store_.claim_step(user.id, *step)) {
        throw ServiceError::two_factor(TwoFactorFailure::invalid_code);
    }
    std::vector<RecoveryCode> digests;
    auto plain = new_recovery_codes({settings_.recovery_code_count, settings_.recovery_code_length,
                                     RecoveryCodeFormat::Alphabet::alphanumeric},
                                    digests);
    store_.enable(user.id, *step, digests, now);
    sessions_.remove_all_for_user_except(user.id, keep_session_id);
    return plain;
}

std::vector<std::string> TwoFactorService::new_recovery_codes(const RecoveryCodeFormat& format,
                                                              std::vector<RecoveryCode>& digests) {
    std::vector<std::string> plain;
    for (int i = 0; i < format.count; ++i) {
        const auto length = static_cast<std::size_t>(format.length);
        std::string code_text =
            format.alphabet == RecoveryCodeFormat::Alphabet::lower_hex
                ? crypto::to_hex(random_.bytes((length + 1) / 2)).substr(0, length)
                : crypto::random_alphanumeric(random_, length);
        RecoveryCode rc;
        rc.salt = random_.bytes(16);
        rc.code_hash = crypto::hmac_sha256(token_key_, rc.salt + code_text);
        digests.push_back(std::move(rc));
        plain.push_back(std::move(code_text));
    }
    return plain;
}

std::vector<std::string> TwoFactorService::enable_with_code(
    const User& user, const std::string& presented_secret, const std::string& code,
    const RecoveryCodeFormat& format, std::optional<std::uint64_t> keep_session_id,
    Timestamp signed_in_at) {
    require_fresh_sign_in(signed_in_at);
    if (user.totp_enabled) throw ServiceError::two_factor(TwoFactorFailure::already_enabled);
    const auto now = clock_.now();
    const auto stored = store_.secret(user.id);
    if (!stored) throw ServiceError::two_factor(TwoFactorFailure::not_set_up);
    if (!stored->set_at || now - *stored->set_at > std::chrono::seconds(settings_.setup_seconds)) {
        throw ServiceError::two_factor(TwoFactorFailure::setup_expired);
    }
    const auto key = open_secret(user, *stored);
    if (!key) throw ServiceError::two_factor(TwoFactorFailure::not_set_up);
    // The client echoes the secret it was shown; one it chose itself (EcliPanel trusts it)
    // would let a script enrol a secret the server never handed out.
    if (!crypto::constant_time_equals(crypto::base32_encode(*key, false), presented_secret)) {
        throw ServiceError::two_factor(TwoFactorFailure::invalid_code);
    }
    const auto step = crypto::verify_totp(*key, code, now.time_since_epoch().count(),
                                          settings_.totp, std::nullopt);
    if (!step) throw ServiceError::two_factor(TwoFactorFailure::invalid_code);
    std::vector<RecoveryCode> digests;
    auto plain = new_recovery_codes(format, digests);
    store_.enable(user.id, *step, digests, now);
    sessions_.remove_all_for_user_except(user.id, keep_session_id);
    return plain;
}

void TwoFactorService::disable_with_code(const User& user, const std::string& code) {
    if (!user.totp_enabled) throw ServiceError::two_factor(TwoFactorFailure::not_set_up);
    // A replayed code is as good as a wrong one: both prove nothing.
    if (verify_code(user, code) != CodeCheck::accepted) {
        throw ServiceError::two_factor(TwoFactorFailure::invalid_code);
    }
    store_.disable(user.id, clock_.now());
    store_.delete_pending_for_user(user.id);
}

void TwoFactorService::disable(const User& user, const std::string& password,
                               Timestamp signed_in_at) {
    require_fresh_sign_in(signed_in_at);
    require_current_password(hasher_, user, password, PasswordPurpose::two_factor);
    store_.disable(user.id, clock_.now());
    store_.delete_pending_for_user(user.id);
}

void TwoFactorService::confirm_password(const User& user, const std::string& password) const {
    require_current_password(hasher_, user, password, PasswordPurpose::two_factor);
}

void TwoFactorService::disable(const User& user, const std::string& password,
                               Timestamp signed_in_at, const DisableConfirmation& confirmation) {
    require_fresh_sign_in(signed_in_at);
    require_current_password(hasher_, user, password, PasswordPurpose::two_factor);
    if (confirmation.kind == DisableConfirmation::Kind::recovery_code) {
        const auto id = matching_recovery_code(user, confirmation.code);
        // Spent even though disabling forgets every code: of two requests racing with one code,
        // only one gets through.
        if (!id || !store_.delete_recovery_code(*id)) {
            throw ServiceError::two_factor(TwoFactorFailure::checkpoint_recovery);
        }
    } else if (verify_code(user, confirmation.code) != CodeCheck::accepted) {
        // A replayed code is as good as a wrong one here: both prove nothing.
        throw ServiceError::two_factor(TwoFactorFailure::invalid_code);
    }
    store_.disable(user.id, clock_.now());
    store_.delete_pending_for_user(user.id);
}

std::string TwoFactorService::start_pending(const User& user, const std::string& dialect) {
    std::string token = crypto::random_alphanumeric(random_, kConfirmationTokenLength);
    PendingLogin pending;
    pending.user_id = user.id;
    pending.dialect = dialect;
    const auto now = clock_.now();
    pending.expires_at = now + std::chrono::seconds(settings_.pending_login_seconds);
    store_.insert_pending(crypto::hmac_sha256(token_key_, "pending:" + token), pending);
    return token;
}

std::optional<std::uint64_t> TwoFactorService::matching_recovery_code(const User& user,
                                                                      const std::string& code) {
    if (code.empty() || code.size() > 64) return std::nullopt;
    std::optional<std::uint64_t> matched;
    // Every stored code is compared, so timing does not tell which one matched.
    for (const auto& rc : store_.recovery_codes(user.id)) {
        if (crypto::constant_time_equals(crypto::hmac_sha256(token_key_, rc.salt + code),
                                         rc.code_hash) &&
            !matched) {
            matched = rc.id;
        }
    }
    return matched;
}

std::optional<std::uint64_t> TwoFactorService::pending_user(const std::string& confirmation_token,
                                                            const std::string& dialect) {
    if (confirmation_token.empty() || confirmation_token.size() > 256) return std::nullopt;
    const auto pending =
        store_.find_pending(crypto::hmac_sha256(token_key_, "pending:" + confirmation_token));
    if (!pending || pending->dialect != dialect || clock_.now() >= pending->expires_at) {
        return std::nullopt;
    }
    return pending->user_id;
}

CheckpointResult TwoFactorService::checkpoint(const std::string& confirmation_token,
                                              const std::string& dialect,
                                              const std::optional<std::string>& code,
                                              const std::optional<std::string>& recovery_code,
                                              UserRepository& users, bool every_factor) {
    if (confirmation_token.empty() || confirmation_token.size() > 256) {
        throw ServiceError::two_factor(TwoFactorFailure::checkpoint_expired);
    }
    const auto pending =
        store_.find_pending(crypto::hmac_sha256(token_key_, "pending:" + confirmation_token));
    if (!pending || pending->dialect != dialect || clock_.now() >= pending->expires_at) {
        throw ServiceError::two_factor(TwoFactorFailure::checkpoint_expired);
    }
    auto user = users.find_by_id(pending->user_id);
    if (!user || !user->totp_enabled || user->suspended) {
        throw ServiceError::two_factor(TwoFactorFailure::checkpoint_expired);
    }
    CheckpointResult result{*user, false};
    std::optional<std::uint64_t> recovery_id;
    if (recovery_code && !recovery_code->empty()) {
        recovery_id = matching_recovery_code(*user, *recovery_code);
        if (!recovery_id) {
            store_.count_pending_failure(pending->id, settings_.checkpoint_max_failures);
            throw ServiceError::two_factor(TwoFactorFailure::checkpoint_recovery);
        }
        result.used_recovery_code = true;
    }
    if (!recovery_id || (every_factor && code && !code->empty())) {
        const auto check = code ? verify_code(*user, *code) : CodeCheck::wrong;
        if (check != CodeCheck::accepted) {
            store_.count_pending_failure(pending->id, settings_.checkpoint_max_failures);
            throw ServiceError::two_factor(check == CodeCheck::replayed
                                               ? TwoFactorFailure::checkpoint_replayed
                                               : TwoFactorFailure::checkpoint_code);
        }
    }
    // Consumed only now, so a wrong code can be corrected; and only once, so two requests racing
    // with one token cannot both sign in. A recovery code is spent only after the token: a dead
    // token never costs one.
    if (!store_.delete_pending(pending->id))
        throw ServiceError::two_factor(TwoFactorFailure::checkpoint_expired);
    if (recovery_id && !store_.delete_recovery_code(*recovery_id)) {
        throw ServiceError::two_factor(
            TwoFactorFailure::checkpoint_recovery);  // spent by a concurrent request
    }
    return result;
}

std::optional<Timestamp> TwoFactorService::last_code_used_at(const User& user) {
    // Without two-factor there is no last code to show (enabling starts afresh), and the hot
    // account read of most users then costs no second query.
    if (!user.totp_enabled) return std::nullopt;
    const auto step = store_.last_used_step(user.id);
    if (!step || *step < 0) return std::nullopt;
    return Timestamp(std::chrono::seconds(*step * settings_.totp.period_seconds));
}

}  // namespace accountd::services
