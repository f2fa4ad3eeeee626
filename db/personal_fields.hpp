#pragma once
// The personal fields of the users table (first and last name) are stored sealed: an
// AES-256-GCM box under the server's sealing key ring, with associated data naming the column
// and the user's uuid, so a database reader (a dump, a replica, a backup) learns no name, and a
// box copied to another user's row or column does not open. Every query that reads users opens
// them (db/user_row.hpp requires a PersonalFields to build a User); every write seals them.
//
// Rows written before names were sealed hold the name as it was typed: a stored value that is
// not a box is read as it is and sealed the next time the name is written. A value that is a
// box but does not open (moved, altered, or sealed with a key no longer configured) reads as
// empty, never as its bytes.

#include <string>
#include <string_view>

#include "crypto/secret_box.hpp"
#include "services/user.hpp"

namespace accountd::db {

class PersonalFields {
  public:
    /// `box` outlives this; nullptr stores names as given (tests of queries that do not care).
    explicit PersonalFields(const crypto::SecretBox* box = nullptr) : box_(box) {}

    /// What `column` of the user with `uuid` stores for `plain`.
    std::string seal(std::string_view column, std::string_view uuid, std::string_view plain) const;
    /// The plain value of a stored `column` of the user with `uuid`.
    std::string open(std::string_view column, std::string_view uuid,
                     const std::string& stored) const;
    /// Opens the user's sealed fields in place (its uuid must be set).
    void open_user(services::User& user) const;

  private:
    const crypto::SecretBox* box_;
};

}  // namespace accountd::db
