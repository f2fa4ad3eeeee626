#pragma once
// What a new password must be (NIST SP 800-63B 5.1.1.2): long enough, not too long, and not
// guessable. Guessable means: on a blocklist of common passwords and dictionary words (also with
// digits or symbols stuck on either end, as in "Dragonfly2024!"), one character or one chunk
// repeated ("abcabcabcabc"), a run along the alphabet, the digits or a keyboard row
// ("qwertyuiopas", "987654321098"), or made of nothing but context-specific words (800-63B: the
// account's own names, this service's, the panels' and the configured application name), alone
// or strung together in any order with any separators, digits or symbols between and around
// them ("accountd-alice", "Walker.Alice.2024"). No composition rules. Stored passwords are never
// re-checked, so an imported account is never locked out.

#include <optional>
#include <string>
#include <vector>

#include "services/service_error.hpp"

namespace accountd::services {

struct PasswordContext {
    std::string username;
    std::string email;
    std::string name_first;
    std::string name_last;
};

class PasswordPolicy {
  public:
    /// `blocklist_files`: text files of one entry per line (compared case-insensitively; lines
    /// starting with "#!" are comments). They are read at each check, which happens only when
    /// a password is set, so no worker holds them in memory.
    /// `app_name`: the configured application name (app.name), a context word like the
    /// service's and the panels' own names.
    PasswordPolicy(int min_length, int max_length, std::vector<std::string> blocklist_files,
                   std::string app_name = {});

    /// Judges the password's NFKC form (as it is hashed). Length first (in characters), then
    /// guessability: the rule the password breaks, as a
    /// violation of `field` (Rule::min or Rule::max with the bound as argument, or
    /// Rule::guessable). Throws std::runtime_error when a blocklist file cannot be read:
    /// refusing every change beats accepting a listed password.
    std::optional<FieldViolation> check(const std::string& password, const PasswordContext& context,
                                        const std::string& field = "password") const;

    int min_length() const { return min_length_; }
    int max_length() const { return max_length_; }

  private:
    bool listed(const std::vector<std::string>& candidates) const;
    /// Whether the password's letters are context words and nothing else.
    bool only_context_words(const std::string& password, const PasswordContext& context) const;

    int min_length_;
    int max_length_;
    std::vector<std::string> blocklist_files_;
    std::string app_name_;
};

}  // namespace accountd::services
