#pragma once
// Changes a user makes to their own account, shared by every dialect: e-mail and password.
// Both need the current password. A new password ends every other session of the user.

#include <optional>
#include <string>
#include <vector>

#include "crypto/password_hasher.hpp"
#include "services/clock.hpp"
#include "services/password_policy.hpp"
#include "services/service_error.hpp"
#include "services/session_repository.hpp"
#include "services/two_factor.hpp"
#include "services/user_repository.hpp"

namespace accountd::services {

class AccountService {
  public:
    AccountService(UserRepository& users, SessionRepository& sessions,
                   TwoFactorRepository& two_factor, const crypto::PasswordHasher& hasher,
                   const Clock& clock, const PasswordPolicy& policy);

    /// Checks `password` first (ServiceError wrong_password), then the address (ServiceError
    /// invalid_fields on "email": required, between 1,191, email, unique). Returns the previous
    /// address.
    std::string change_email(const User& user, const std::string& password,
                             const std::string& new_email);

    /// Checks `current_password` (ServiceError wrong_password), then the new one (ServiceError
    /// invalid_fields on `new_field`: required alone, or every one of confirmed (when a
    /// confirmation is given) and the policy's min, max or guessable that fails). Ends every
    /// session of the user except `keep_session_id`, and every sign-in waiting at the two-factor
    /// checkpoint (a token the old password earned must not finish).
    void change_password(const User& user, const std::string& current_password,
                         const std::optional<std::string>& new_password,
                         const std::optional<std::string>& confirmation,
                         const std::string& new_field,
                         std::optional<std::uint64_t> keep_session_id);

    /// What accountd's password policy says of `new_password` for `user` (nothing: it passes),
    /// for a dialect that checks its own rules first and must refuse before changing anything.
    std::optional<FieldViolation> password_problem(const User& user,
                                                   const std::string& new_password) const;

    /// change_email without the password: for a caller allowed to edit other users.
    std::string set_email(const User& user, const std::string& new_email);

    /// change_password without the current password: for a caller allowed to edit other users.
    void set_password(const User& user, const std::optional<std::string>& new_password,
                      const std::optional<std::string>& confirmation, const std::string& new_field,
                      std::optional<std::uint64_t> keep_session_id);

    /// Throws ServiceError wrong_password (for `purpose`) unless `password` is the user's
    /// current password. The one check every confirmation with the password goes through.
    void require_password(const User& user, const std::string& password,
                          PasswordPurpose purpose = PasswordPurpose::account_change) const;

  private:
    UserRepository& users_;
    SessionRepository& sessions_;
    TwoFactorRepository& two_factor_;
    const crypto::PasswordHasher& hasher_;
    const Clock& clock_;
    const PasswordPolicy& policy_;
};

}  // namespace accountd::services
