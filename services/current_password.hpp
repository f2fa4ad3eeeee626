#pragma once
// The one check of a user's current password, for every change that asks for it (e-mail,
// password, two-factor). A missing password, an account without one, and a wrong one all fail
// alike.

#include <string>

#include "crypto/password_hasher.hpp"
#include "services/service_error.hpp"
#include "services/user.hpp"

namespace accountd::services {

/// Throws ServiceError wrong_password for `purpose` unless `password` is the user's password.
void require_current_password(const crypto::PasswordHasher& hasher, const User& user,
                              const std::string& password, PasswordPurpose purpose);

}  // namespace accountd::services
