#include "services/auth_service.hpp"

#include "services/service_error.hpp"
#include "services/text.hpp"

namespace accountd::services {
namespace {

// Longer inputs are not passwords anyone set through us (the longest accepted is 128); refusing
// them bounds the work an attacker can make us do.
constexpr std::size_t kMaxPasswordBytes = 1024;

}  // namespace

AuthService::AuthService(UserRepository& users, const crypto::PasswordHasher& hasher,
                         const Clock& clock)
    : users_(users), hasher_(hasher), clock_(clock) {}

std::optional<User> AuthService::find_account(const PasswordLogin& login) {
    // Trimmed as the throttles' fold is (UserRepository::fold_identifier): a name the lookup
    // misses must not fold like one it finds, or their counts would tell which exists.
    const std::string identifier = trim(login.identifier);
    if (identifier.empty() || identifier.size() > kMaxIdentifierBytes) return {};
    const bool by_email =
        login.kind == LoginIdentifier::email_only || identifier.find('@') != std::string::npos;
    return by_email ? users_.find_by_email(identifier) : users_.find_by_username(identifier);
}

LoginResult AuthService::verify(const PasswordLogin& login, std::optional<User> user) {
    LoginResult result;
    if (user) result.account_id = user->id;
    if (!user || !user->password_hash || login.password.size() > kMaxPasswordBytes) {
        hasher_.burn_verification_time(login.password);
        result.failure =
            !user ? "unknown_user" : (!user->password_hash ? "no_password" : "too_long");
        return result;
    }
    const auto check = hasher_.verify(login.password, *user->password_hash);
    if (check == crypto::PasswordCheck::mismatch) {
        result.failure = "bad_password";
        return result;
    }
    if (user->suspended) {
        result.failure = "suspended";
        return result;
    }
    if (check == crypto::PasswordCheck::match_needs_rehash) {
        try {
            const std::string fresh = hasher_.hash(login.password);
            users_.update_password_hash(user->id, fresh, clock_.now());
            user->password_hash = fresh;
        } catch (const ServiceError& e) {
            // No hash slot free: the sign-in stands, the rehash waits for the next one.
            if (e.kind() != ServiceError::Kind::busy) throw;
        }
    }
    result.user = std::move(user);
    return result;
}

}  // namespace accountd::services
