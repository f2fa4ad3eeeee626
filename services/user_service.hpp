#pragma once
// Creating accounts (CLI today; registration later) with the shared validation rules.

#include <stdexcept>
#include <string>

#include "crypto/password_hasher.hpp"
#include "crypto/random.hpp"
#include "services/clock.hpp"
#include "services/password_policy.hpp"
#include "services/user_repository.hpp"

namespace accountd::services {

/// A rule a new account breaks; what() is a sentence for the operator or client.
class InvalidUser : public std::invalid_argument {
  public:
    InvalidUser(std::string field, const std::string& message)
        : std::invalid_argument(message), field_(std::move(field)) {}
    const std::string& field() const { return field_; }

  private:
    std::string field_;
};

/// Basic RFC 5321 shape: one '@', non-empty local part, a dotted domain, no spaces, <= 191.
bool is_plausible_email(std::string_view email);

class UserService {
  public:
    UserService(UserRepository& users, const crypto::PasswordHasher& hasher,
                crypto::RandomSource& random, const Clock& clock, const PasswordPolicy& policy);

    /// Validates, hashes the password and stores the user. Throws InvalidUser or DuplicateUser.
    User create(const NewUser& input);

  private:
    UserRepository& users_;
    const crypto::PasswordHasher& hasher_;
    crypto::RandomSource& random_;
    const Clock& clock_;
    const PasswordPolicy& policy_;
};

}  // namespace accountd::services
