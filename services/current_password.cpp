#include "services/current_password.hpp"

namespace accountd::services {

void require_current_password(const crypto::PasswordHasher& hasher, const User& user,
                              const std::string& password, PasswordPurpose purpose) {
    // No password at all (an account made elsewhere without one) can never be confirmed; an
    // absurdly long one is refused before the slow hash runs.
    if (!user.password_hash || password.empty() || password.size() > 1024 ||
        hasher.verify(password, *user.password_hash) == crypto::PasswordCheck::mismatch) {
        throw ServiceError::wrong_password(purpose);
    }
}

}  // namespace accountd::services
