#pragma once
// Two-factor rules (TOTP, RFC 6238): setup, enabling with a code and the password, disabling
// with the password, and the sign-in checkpoint that completes a password sign-in with a code or
// a one-time recovery code. Each time step is accepted once per user, across workers.
//
// A setup's secret is pending until enabled: the same one is shown for `setup_seconds` (so a
// reload or a second tab does not break an enrolment in progress), and it cannot be enabled
// after. Taking two-factor off or renewing the recovery codes needs, besides the password, a
// session whose sign-in (the checkpoint included) is at most `fresh_sign_in_seconds` old: a
// stolen session alone cannot strip the second factor.

#include <optional>
#include <string>
#include <vector>

#include "crypto/password_hasher.hpp"
#include "crypto/random.hpp"
#include "crypto/secret_box.hpp"
#include "crypto/totp.hpp"
#include "services/service_error.hpp"
#include "services/session_repository.hpp"
#include "services/two_factor.hpp"
#include "services/user_repository.hpp"

namespace accountd::services {

struct TotpSetup {
    std::string secret;       ///< RFC 4648 Base32, 32 characters (160 bits)
    std::string otpauth_url;  ///< what authenticator apps scan
};

struct CheckpointResult {
    User user;
    bool used_recovery_code = false;
};

/// The second factor that confirms taking two-factor off (Calagopus asks for one): a TOTP code of
/// the enabled secret, or a recovery code, which is spent.
struct DisableConfirmation {
    enum class Kind { totp, recovery_code };
    Kind kind = Kind::totp;
    std::string code;
};

/// How a dialect's recovery codes look (Pterodactyl and Calagopus: the configured count and
/// length of letters and digits; EcliPanel: 10 codes of 12 lowercase hex digits). Stored the
/// same way whatever their look, so each works at every dialect's checkpoint.
struct RecoveryCodeFormat {
    enum class Alphabet { alphanumeric, lower_hex };
    int count = 10;
    int length = 10;
    Alphabet alphabet = Alphabet::alphanumeric;
};

struct TwoFactorSettings {
    crypto::TotpParams totp;
    std::string issuer = "Pterodactyl";  ///< the configured application name
    int setup_seconds = 600;             ///< a pending secret's life
    int fresh_sign_in_seconds = 900;
    int pending_login_seconds = 300;  // as Pterodactyl's confirmation token
    int recovery_code_count = 10;
    int recovery_code_length = 10;
    int checkpoint_max_failures = 5;  ///< wrong codes one confirmation token survives
};

class TwoFactorService {
  public:
    TwoFactorService(TwoFactorRepository& store, SessionRepository& sessions,
                     const crypto::PasswordHasher& hasher, const crypto::SecretBox& box,
                     crypto::RandomSource& random, const Clock& clock, std::string token_key,
                     TwoFactorSettings settings);

    /// The pending secret set up less than `setup_seconds` ago, or else a new one, stored
    /// sealed but not yet enabled. Throws already_enabled.
    TotpSetup begin_setup(const User& user);

    /// Checks the password, then the code against the pending secret (not_set_up without one,
    /// setup_expired when older than `setup_seconds`); enables two-factor and returns new
    /// recovery codes (shown once). Ends the user's other sessions, so every session left has
    /// proven the second factor. With two-factor already on, this renews the recovery codes
    /// with a code of the enabled secret, and `signed_in_at` (when the caller's session
    /// completed its sign-in) must be recent (else fresh_sign_in_needed, before the password
    /// is checked).
    std::vector<std::string> enable(const User& user, const std::string& code,
                                    const std::string& password,
                                    std::optional<std::uint64_t> keep_session_id,
                                    Timestamp signed_in_at);

    /// Enabling for a dialect whose client proves the factor with a code alone (EcliPanel sends
    /// no password): `presented_secret` must be the Base32 pending secret this account was
    /// given (compared in constant time; a client-chosen secret is refused as invalid_code),
    /// and `code` a TOTP code of it. Refuses already_enabled (no renewal without a password),
    /// not_set_up and setup_expired as enable() does. Without a password, the session must
    /// have signed in at most `fresh_sign_in_seconds` ago (`signed_in_at`; else
    /// fresh_sign_in_needed, checked first): a stolen old session cannot enrol the thief's
    /// authenticator and end the owner's sessions. Ends the user's other sessions; returns
    /// recovery codes in `format`, shown once.
    std::vector<std::string> enable_with_code(const User& user, const std::string& presented_secret,
                                              const std::string& code,
                                              const RecoveryCodeFormat& format,
                                              std::optional<std::uint64_t> keep_session_id,
                                              Timestamp signed_in_at);

    /// Disabling for a dialect whose client sends no password (EcliPanel): a TOTP code of the
    /// enabled secret whose time step was not used before proves the factor (else
    /// invalid_code; recovery codes are not taken). Throws not_set_up when two-factor is off.
    /// Forgets the secret, the recovery codes and pending sign-ins; ending sessions is the
    /// caller's (the dialect decides which).
    void disable_with_code(const User& user, const std::string& code);

    /// Whether a pending secret set up less than `setup_seconds` ago waits to be enabled (what
    /// a dialect that refuses an unconfigured enable before anything else asks first).
    bool has_pending_setup(const User& user);

    /// Checks that `signed_in_at` is recent (fresh_sign_in_needed), then the password; turns
    /// two-factor off and forgets the secret and recovery codes.
    void disable(const User& user, const std::string& password, Timestamp signed_in_at);

    /// Throws wrong_password (two_factor purpose) unless `password` is the user's: for a
    /// dialect that checks the password before refusing a malformed second factor.
    void confirm_password(const User& user, const std::string& password) const;

    /// As above, and after the password the second factor: a TOTP code whose time step was not
    /// used before (else invalid_code) or an unused recovery code (else checkpoint_recovery).
    void disable(const User& user, const std::string& password, Timestamp signed_in_at,
                 const DisableConfirmation& confirmation);

    /// Remembers a password sign-in that still needs its second factor; returns the confirmation
    /// token (64 characters) the client sends to the checkpoint.
    std::string start_pending(const User& user, const std::string& dialect);

    /// The account a live pending sign-in belongs to (for throttling the checkpoint per account
    /// before any code is checked); nullopt when the token is unknown or expired.
    std::optional<std::uint64_t> pending_user(const std::string& confirmation_token,
                                              const std::string& dialect);

    /// Completes a pending sign-in with a TOTP code or a recovery code (the recovery code wins
    /// when both are given, unless `every_factor`: then each one given must pass, the recovery
    /// code checked first). Throws ServiceError (two_factor: checkpoint_expired, checkpoint_code,
    /// checkpoint_replayed for a right code of a time step used already, or
    /// checkpoint_recovery). The pending sign-in is used up on success.
    CheckpointResult checkpoint(const std::string& confirmation_token, const std::string& dialect,
                                const std::optional<std::string>& code,
                                const std::optional<std::string>& recovery_code,
                                UserRepository& users, bool every_factor = false);

    /// When the time step of the last code accepted for the user began (enabling, a sign-in or
    /// a confirmation, in any dialect); null when none since two-factor was last turned off.
    std::optional<Timestamp> last_code_used_at(const User& user);

  private:
    std::string associated_data(const User& user) const;
    void require_fresh_sign_in(Timestamp signed_in_at) const;
    /// Opens the stored secret; seals it again under the current key when an older one sealed it.
    std::optional<std::string> open_secret(const User& user, const StoredSecret& stored);
    TotpSetup setup_for(const User& user, const std::string& key) const;
    enum class CodeCheck { accepted, wrong, replayed };
    CodeCheck verify_code(const User& user, const std::string& code);
    /// Fresh recovery codes in `format`; fills `digests` with what is stored.
    std::vector<std::string> new_recovery_codes(const RecoveryCodeFormat& format,
                                                std::vector<RecoveryCode>& digests);
    /// The id of the user's unused recovery code equal to `code`, compared in constant time.
    std::optional<std::uint64_t> matching_recovery_code(const User& user, const std::string& code);

    TwoFactorRepository& store_;
    SessionRepository& sessions_;
    const crypto::PasswordHasher& hasher_;
    const crypto::SecretBox& box_;
    crypto::RandomSource& random_;
    const Clock& clock_;
    std::string token_key_;
    TwoFactorSettings settings_;
};

}  // namespace accountd::services
