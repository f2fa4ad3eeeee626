#pragma once
// Storage contract for users (implemented in db/). Lookups by username and e-mail are
// case-insensitive. Throws db::DatabaseError on storage failure.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "services/user.hpp"

namespace accountd::services {

/// Thrown by insert when the username or e-mail is taken.
class DuplicateUser : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class UserRepository {
  public:
    virtual ~UserRepository() = default;
    virtual std::optional<User> find_by_id(std::uint64_t id) = 0;
    virtual std::optional<User> find_by_username(const std::string& username) = 0;
    virtual std::optional<User> find_by_email(const std::string& email) = 0;
    /// `identifier` folded the way the username and e-mail lookups compare (the columns'
    /// collation): two identifiers fold alike exactly when a lookup would treat them as one.
    /// An opaque key for counting, not for display; surrounding spaces are ignored.
    virtual std::string fold_identifier(const std::string& identifier) = 0;
    /// Whether any account exists (registration's first-user rule).
    virtual bool has_any_user() = 0;
    /// Stores `user` (id ignored) and returns its new id. Throws DuplicateUser.
    virtual std::uint64_t insert(const User& user) = 0;
    virtual void update_password_hash(std::uint64_t id, const std::string& hash, Timestamp now) = 0;
    /// Clears email_verified (nobody has shown they read the new address). Throws DuplicateUser
    /// when another account has the address.
    virtual void update_email(std::uint64_t id, const std::string& email, Timestamp now) = 0;
    /// Writes the present fields. Throws DuplicateUser when another account has the username
    /// (compared as the lookups compare).
    virtual void update_profile(std::uint64_t id, const ProfileChanges& changes, Timestamp now) = 0;
    /// Sets (or with nullopt clears) the avatar path and returns the one it replaced, read in the
    /// same transaction, so of two racing uploads each removes exactly the file it replaced.
    virtual std::optional<std::string> replace_avatar(std::uint64_t id,
                                                      const std::optional<std::string>& path,
                                                      Timestamp now) = 0;
    /// Writes the present fields of an administrator's change.
    virtual void update_account_state(std::uint64_t id, const AccountStateChanges& changes,
                                      Timestamp now) = 0;
    /// The user's profile fields beyond the shared columns (services/profile_service), field
    /// name -> stored bytes as written; empty for none or an unknown user.
    virtual std::map<std::string, std::string> profile_fields(std::uint64_t id) = 0;
    /// Stores each present value and deletes each field mapped to nullopt, all or none; touches
    /// the user's updated_at.
    virtual void write_profile_fields(
        std::uint64_t id, const std::map<std::string, std::optional<std::string>>& fields,
        Timestamp now) = 0;
};

}  // namespace accountd::services
