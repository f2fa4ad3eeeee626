#include "services/account_service.hpp"

#include <algorithm>

#include "services/text.hpp"
#include "services/user_service.hpp"

namespace accountd::services {
AccountService::AccountService(UserRepository& users, SessionRepository& sessions,
                               const crypto::PasswordHasher& hasher, const Clock& clock,
                               const PasswordPolicy& policy)
    : users_(users), sessions_(sessions), hasher_(hasher), clock_(clock), policy_(policy) {}

void AccountService::require_password(const User& user, const std::string& password) const {
    // No password at all (an account made elsewhere without one) can never be confirmed.
    if (!user.password_hash || password.empty() || password.size() > 1024 ||
        hasher_.verify(password, *user.password_hash) == crypto::PasswordCheck::mismatch) {
        throw WrongPassword();
    }
}

std::string AccountService::change_email(const User& user, const std::string& password,
                                         const std::string& new_email) {
    require_password(user, password);
    if (new_email.empty()) throw RuleViolation("email", "required");
    if (utf8_length(new_email) > 191) throw RuleViolation("email", "between", "1,191");
    if (!is_plausible_email(new_email)) throw RuleViolation("email", "email");
    if (new_email == user.email) return user.email;
    try {
        users_.update_email(user.id, new_email, clock_.now());
    } catch (const DuplicateUser&) {
        throw RuleViolation("email", "unique");
    }
    return user.email;
}

void AccountService::change_password(const User& user, const std::string& current_password,
                                     const std::optional<std::string>& new_password,
                                     const std::optional<std::string>& confirmation,
                                     const std::string& new_field,
                                     std::optional<std::uint64_t> keep_session_id) {
    require_password(user, current_password);
    if (!new_password || new_password->empty()) {
        throw RuleViolations({RuleViolation(new_field, "required")});
    }
    // Every rule that fails is reported, in Laravel's order: confirmed, then the length.
    std::vector<RuleViolation> problems;
    if (confirmation && *confirmation != *new_password)
        problems.emplace_back(new_field, "confirmed");
    if (const auto problem = policy_.check(*new_password, {user.username, user.email})) {
        problems.emplace_back(new_field, problem->rule, problem->argument);
    }
    if (!problems.empty()) throw RuleViolations(std::move(problems));
    users_.update_password_hash(user.id, hasher_.hash(*new_password), clock_.now());
    // Whoever else held a session may have been the reason for the change.
    sessions_.remove_all_for_user_except(user.id, keep_session_id);
}

}  // namespace accountd::services
