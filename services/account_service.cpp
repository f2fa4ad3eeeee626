#include "services/account_service.hpp"

#include <algorithm>

#include "services/current_password.hpp"
#include "services/text.hpp"
#include "services/user_service.hpp"

namespace accountd::services {
AccountService::AccountService(UserRepository& users, SessionRepository& sessions,
                               TwoFactorRepository& two_factor,
                               const crypto::PasswordHasher& hasher, const Clock& clock,
                               const PasswordPolicy& policy)
    : users_(users),
      sessions_(sessions),
      two_factor_(two_factor),
      hasher_(hasher),
      clock_(clock),
      policy_(policy) {}

void AccountService::require_password(const User& user, const std::string& password,
                                      PasswordPurpose purpose) const {
    require_current_password(hasher_, user, password, purpose);
}

std::optional<FieldViolation> AccountService::password_problem(
    const User& user, const std::string& new_password) const {
    return policy_.check(new_password,
                         {user.username, user.email, user.name_first, user.name_last});
}

std::string AccountService::change_email(const User& user, const std::string& password,
                                         const std::string& new_email) {
    require_password(user, password);
    return set_email(user, new_email);
}

std::string AccountService::set_email(const User& user, const std::string& new_email) {
    if (new_email.empty()) throw ServiceError::invalid("email", Rule::required);
    if (utf8_length(new_email) > 191) throw ServiceError::invalid("email", Rule::between, "1,191");
    if (!is_plausible_email(new_email)) throw ServiceError::invalid("email", Rule::email);
    if (new_email == user.email) return user.email;
    try {
        users_.update_email(user.id, new_email, clock_.now());
    } catch (const DuplicateUser&) {
        throw ServiceError::invalid("email", Rule::unique);
    }
    return user.email;
}

void AccountService::change_password(const User& user, const std::string& current_password,
                                     const std::optional<std::string>& new_password,
                                     const std::optional<std::string>& confirmation,
                                     const std::string& new_field,
                                     std::optional<std::uint64_t> keep_session_id) {
    require_password(user, current_password);
    set_password(user, new_password, confirmation, new_field, keep_session_id);
}

void AccountService::set_password(const User& user, const std::optional<std::string>& new_password,
                                  const std::optional<std::string>& confirmation,
                                  const std::string& new_field,
                                  std::optional<std::uint64_t> keep_session_id) {
    if (!new_password || new_password->empty()) {
        throw ServiceError::invalid(new_field, Rule::required);
    }
    // Every rule that fails is reported, in Laravel's order: confirmed, then the length.
    std::vector<FieldViolation> problems;
    if (confirmation && *confirmation != *new_password)
        problems.push_back({new_field, Rule::confirmed, {}});
    if (auto problem = policy_.check(*new_password,
                                     {user.username, user.email, user.name_first, user.name_last},
                                     new_field)) {
        problems.push_back(std::move(*problem));
    }
    if (!problems.empty()) throw ServiceError::invalid(std::move(problems));
    users_.update_password_hash(user.id, hasher_.hash(*new_password), clock_.now());
    // Whoever else held a session may have been the reason for the change.
    sessions_.remove_all_for_user_except(user.id, keep_session_id);
    two_factor_.delete_pending_for_user(user.id);
}

}  // namespace accountd::services
