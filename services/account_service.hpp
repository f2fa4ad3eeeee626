#pragma once
// Changes a user makes to their own account, shared by every dialect: e-mail and password.
// Both need the current password. A new password ends every other session of the user.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "crypto/password_hasher.hpp"
#include "services/clock.hpp"
#include "services/password_policy.hpp"
#include "services/session_repository.hpp"
#include "services/user_repository.hpp"

namespace accountd::services {

/// The current password given was wrong (or missing).
class WrongPassword : public std::runtime_error {
  public:
    WrongPassword() : std::runtime_error("wrong password") {}
};

/// A value breaks a rule. `rule` uses the panels' names: required, email, min, max, between,
/// confirmed, unique; `argument` is the rule's number(s) ("12", "1,191").
class RuleViolation : public std::invalid_argument {
  public:
    RuleViolation(std::string field, std::string rule, std::string argument = {})
        : std::invalid_argument(field + " " + rule),
          field(std::move(field)),
          rule(std::move(rule)),
          argument(std::move(argument)) {}
    std::string field;
    std::string rule;
    std::string argument;
};

/// Several rule violations at once (e.g. two bad allowed_ips entries), in field order.
class RuleViolations : public std::invalid_argument {
  public:
    explicit RuleViolations(std::vector<RuleViolation> list)
        : std::invalid_argument("rule violations"), list(std::move(list)) {}
    std::vector<RuleViolation> list;
};

class AccountService {
  public:
    AccountService(UserRepository& users, SessionRepository& sessions,
                   const crypto::PasswordHasher& hasher, const Clock& clock,
                   const PasswordPolicy& policy);

    /// Checks `password` first (WrongPassword), then the address (RuleViolation on "email":
    /// required, email, between 1,191, unique). Returns the previous address.
    std::string change_email(const User& user, const std::string& password,
                             const std::string& new_email);

    /// Checks `current_password` (WrongPassword), then the new one (RuleViolations on
    /// `new_field`: required alone, or every one of confirmed (when a confirmation is given)
    /// and the policy's min, max or guessable that fails). Ends every session of the user except
    /// `keep_session_id`.
    void change_password(const User& user, const std::string& current_password,
                         const std::optional<std::string>& new_password,
                         const std::optional<std::string>& confirmation,
                         const std::string& new_field,
                         std::optional<std::uint64_t> keep_session_id);

    /// Throws WrongPassword unless `password` is the user's current password.
    void require_password(const User& user, const std::string& password) const;

  private:
    UserRepository& users_;
    SessionRepository& sessions_;
    const crypto::PasswordHasher& hasher_;
    const Clock& clock_;
    const PasswordPolicy& policy_;
};

}  // namespace accountd::services
