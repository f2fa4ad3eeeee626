#include "services/user_service.hpp"

#include <algorithm>

#include "services/text.hpp"

namespace accountd::services {
namespace {

bool is_valid_username(std::string_view name) {
    // Pterodactyl's rule (the strictest of the three): lowercase alphanumerics at both ends,
    // word characters, dots and dashes between.
    if (name.empty() || name.size() > 191) return false;
    const auto edge_ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!edge_ok(name.front()) || !edge_ok(name.back())) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    });
}

}  // namespace

bool is_plausible_email(std::string_view email) {
    if (email.size() < 3 || email.size() > 191) return false;
    const auto at = email.find('@');
    if (at == 0 || at == std::string_view::npos ||
        email.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const auto domain = email.substr(at + 1);
    if (domain.empty() || domain.front() == '.' || domain.back() == '.' ||
        domain.find('.') == std::string_view::npos || domain.find("..") != std::string_view::npos) {
        return false;
    }
    return std::none_of(email.begin(), email.end(), [](char c) {
        return static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == '"' ||
               c == ',' || c == ';' || c == '\\';
    });
}

UserService::UserService(UserRepository& users, const crypto::PasswordHasher& hasher,
                         crypto::RandomSource& random, const Clock& clock,
                         const PasswordPolicy& policy)
    : users_(users), hasher_(hasher), random_(random), clock_(clock), policy_(policy) {}

User UserService::create(const NewUser& input) {
    const std::string username = ascii_lower(input.username);
    if (!is_valid_username(username)) {
        throw InvalidUser("username",
                          "username must be 1-191 characters of a-z, 0-9, '_', '.', '-' and start "
                          "and end with a letter or digit");
    }
    if (!is_plausible_email(input.email))
        throw InvalidUser("email", "email is not a valid address");
    if (utf8_length(input.name_first) > 191 || utf8_length(input.name_last) > 191) {
        throw InvalidUser("name", "first and last name may be at most 191 characters");
    }
    if (const auto problem = policy_.check(
            input.password, {username, input.email, input.name_first, input.name_last})) {
        if (problem->rule == Rule::guessable) {
            throw InvalidUser("password",
                              "password is too easy to guess (a common password, a word, a "
                              "pattern or a name); choose another");
        }
        std::string message = "password must be ";
        message += std::to_string(policy_.min_length());
        message += " to ";
        message += std::to_string(policy_.max_length());
        message += " characters";
        throw InvalidUser("password", message);
    }
    User user;
    user.uuid = crypto::random_uuid_v4(random_);
    user.username = username;
    user.email = input.email;
    user.name_first = input.name_first;
    user.name_last = input.name_last;
    user.password_hash = hasher_.hash(input.password);
    user.root_admin = input.root_admin;
    if (input.root_admin) user.role = "rootAdmin";
    user.created_at = clock_.now();
    user.updated_at = user.created_at;
    user.id = users_.insert(user);
    return user;
}

}  // namespace accountd::services
