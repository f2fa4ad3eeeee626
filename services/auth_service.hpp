#pragma once
// Password sign-in rules. Unknown user, wrong password and suspended account give the same
// result and cost the same time; the reason is returned only for the log.

#include <optional>
#include <string>
#include <string_view>

#include "crypto/password_hasher.hpp"
#include "services/clock.hpp"
#include "services/user_repository.hpp"

namespace accountd::services {

/// Longer identifiers name no account (usernames and e-mail addresses are at most 191).
inline constexpr std::size_t kMaxIdentifierBytes = 255;

enum class LoginIdentifier {
    username_or_email,  ///< an identifier containing '@' is an e-mail, otherwise a username
    email_only,
};

struct PasswordLogin {
    std::string identifier;
    std::string password;
    LoginIdentifier kind = LoginIdentifier::username_or_email;
};

struct LoginResult {
    std::optional<User> user;                 ///< set on success
    std::optional<std::uint64_t> account_id;  ///< set whenever the identifier named an account
    std::string_view failure;  ///< log reason: unknown_user, no_password, bad_password, suspended
};

class AuthService {
  public:
    AuthService(UserRepository& users, const crypto::PasswordHasher& hasher, const Clock& clock);

    /// The account a sign-in names, if any: by e-mail or by username, as `login.kind` says,
    /// ignoring surrounding spaces, tabs and line breaks (Laravel's TrimStrings does too).
    std::optional<User> find_account(const PasswordLogin& login);
    /// Verifies the password for `account`, which `find_account` gave for this `login`;
    /// rehashes bcrypt or outdated hashes to argon2id on success.
    LoginResult verify(const PasswordLogin& login, std::optional<User> account);
    /// A place under the host's password-hash ceiling for the rest of a sign-in (verification,
    /// rehash and the failure padding). Throws ServiceError busy when none comes free in time.
    [[nodiscard]] crypto::HashHold hold_hashing() const { return hasher_.hold(); }
    LoginResult login_with_password(const PasswordLogin& login) {
        return verify(login, find_account(login));
    }

  private:
    UserRepository& users_;
    const crypto::PasswordHasher& hasher_;
    const Clock& clock_;
};

}  // namespace accountd::services
