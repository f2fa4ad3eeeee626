#pragma once
// The one error vocabulary of the services: what a caller did that a rule refused. Services
// throw ServiceError; the dispatcher translates it once into the dialect's answer
// (server::api_error_of, with DialectAdapter::translate for a dialect's own wording). Every enum
// here is switched over without `default:` in each dialect's message table, so a new value does
// not compile until every dialect answers it.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace accountd::services {

/// A rule a field's value breaks. Names follow Laravel's where the panels share one; the rest
/// are Pterodactyl's "after" checks and our own.
enum class Rule {
    required,
    string,   ///< argument: the JSON type sent ("a number"), when known
    integer,  ///< argument: the JSON type sent
    array,
    email,
    min,        ///< argument: the least number of characters
    max,        ///< argument: the most characters
    max_items,  ///< argument: the most entries of a list
    min_value,  ///< a number below the least allowed; argument: that least
    max_value,  ///< a number above the most allowed; argument: that most
    between,    ///< argument: "least,most" characters
    size,       ///< argument: the exact number of characters
    length,     ///< outside the dialect's length bounds (no argument)
    confirmed,
    unique,
    guessable,      ///< a common password, a word, a pattern or the account's own name
    ip_range,       ///< argument: the entry that is no address or range
    narrower,       ///< argument: the entry outside the creating key's list (or empty)
    ssh_not_valid,  ///< garbage, a private key, an unsupported type
    ssh_dsa,
    ssh_rsa_too_short,
    ssh_duplicate,
    ssh_too_many,  ///< argument: the most keys an account may have
};

/// The rule's stable id (its enumerator's name), for logs and tests. How a dialect names a rule
/// on the wire is the dialect's business (Pterodactyl: Laravel's `meta.rule`).
std::string_view rule_id(Rule rule);

struct FieldViolation {
    std::string field;  ///< dotted path: "email", "allowed_ips.2"
    Rule rule;
    std::string argument;
};

/// Why a second factor, or setting one up, failed.
enum class TwoFactorFailure {
    already_enabled,
    not_set_up,
    invalid_code,          ///< a wrong TOTP code while enabling
    checkpoint_code,       ///< a wrong TOTP code at the sign-in checkpoint
    checkpoint_expired,    ///< unknown, expired, used-up or spent confirmation token
    checkpoint_recovery,   ///< a wrong or spent recovery code
    checkpoint_replayed,   ///< a right TOTP code whose time step was used already (checkpoint)
    password_in_query,     ///< the legacy form that puts the password in the URL
    setup_expired,         ///< enabling with a pending secret older than the setup time
    fresh_sign_in_needed,  ///< disabling or renewing codes from a session signed in too long ago
};

/// The failure's stable id (its enumerator's name), for logs and tests.
std::string_view failure_id(TwoFactorFailure failure);

/// What the current password was asked for: the panels word its refusal differently.
enum class PasswordPurpose { account_change, two_factor };

class ServiceError : public std::runtime_error {
  public:
    enum class Kind {
        invalid_fields,       ///< violations() lists each, in the order they are reported
        invalid_credentials,  ///< a sign-in refused: unknown user, wrong password, suspended
                              ///< or a second factor the dialect cannot ask for (one answer)
        wrong_password,       ///< the current password given to confirm a change is wrong
        limit_reached,        ///< the account holds as many of these (API keys) as allowed
        two_factor,           ///< see two_factor_failure()
        throttled,            ///< too many attempts; see retry_after()
        not_permitted,        ///< the credential making the request may not do this: a
                              ///< restricted API key reaching past its own restrictions
        busy,                 ///< the host cannot take this work now (every password-hash slot
                              ///< stayed taken); see retry_after()
    };

    static ServiceError invalid(std::string field, Rule rule, std::string argument = {});
    /// `violations` must not be empty.
    static ServiceError invalid(std::vector<FieldViolation> violations);
    static ServiceError invalid_credentials();
    static ServiceError wrong_password(PasswordPurpose purpose);
    static ServiceError limit_reached();
    static ServiceError two_factor(TwoFactorFailure failure);
    static ServiceError throttled(int retry_after_seconds);
    /// `why` is for the log line only.
    static ServiceError not_permitted(const std::string& why);
    static ServiceError busy(int retry_after_seconds);

    Kind kind() const { return kind_; }
    const std::vector<FieldViolation>& violations() const { return violations_; }
    /// Meaningful for Kind::two_factor.
    TwoFactorFailure two_factor_failure() const { return two_factor_; }
    /// Meaningful for Kind::wrong_password.
    PasswordPurpose password_purpose() const { return purpose_; }
    /// Meaningful for Kind::throttled and Kind::busy.
    int retry_after() const { return retry_after_; }

  private:
    ServiceError(Kind kind, const std::string& what);

    Kind kind_;
    std::vector<FieldViolation> violations_;
    TwoFactorFailure two_factor_ = TwoFactorFailure::checkpoint_expired;
    PasswordPurpose purpose_ = PasswordPurpose::account_change;
    int retry_after_ = 0;
};

/// What every repository throws when its store fails (unreachable, timed out, refused). Its
/// text is ours (operation and error number), never the driver's, which may quote bound values.
class StorageUnavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace accountd::services
