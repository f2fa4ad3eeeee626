#pragma once
// Importing a user's public keys from a code host (GitHub, GitLab, Launchpad): what each host's
// key list looks like and the name each imported key gets (reference calagopus.md §10). The
// fetch itself is a KeyDirectory, so services never touch the network.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/clock.hpp"

namespace accountd::services {

enum class KeyProvider { github, gitlab, launchpad };

/// "github", "gitlab" or "launchpad"; nullopt for anything else.
std::optional<KeyProvider> parse_key_provider(std::string_view name);
std::string_view key_provider_name(KeyProvider provider);

/// A key as the host lists it, with the name it is stored under.
struct ProvidedKey {
    std::string name;
    std::string public_key;  ///< OpenSSH one-line form, not yet checked
};

/// The keys in a host's answer, in its order, named as Calagopus names them: GitHub
/// `gh-<username, 17 characters at most>-<YYYY>-<MM>-<DD>` (the key's created_at, else `today`),
/// GitLab `gl-<username, 27 at most>-<title after its last '@', cut to 27 - that>`, Launchpad
/// `lp-<username, 25 at most>-<NN>` (1-based, two digits). nullopt when the answer is not the
/// host's JSON shape.
std::optional<std::vector<ProvidedKey>> read_provided_keys(KeyProvider provider,
                                                           const std::string& username,
                                                           const std::string& answer,
                                                           Timestamp today);

/// Where keys are fetched from (net/ implements it; tests use a double).
class KeyDirectory {
  public:
    virtual ~KeyDirectory() = default;
    /// The host's answer for `username` (already checked by the caller: 3-31 characters of
    /// [A-Za-z0-9._-]); nullopt when it could not be fetched (transport error, timeout, a status
    /// other than 200, an answer larger than allowed).
    virtual std::optional<std::string> fetch(KeyProvider provider, const std::string& username) = 0;
};

/// Whether `username` may be asked of a host: 3 to 31 characters of letters, digits, '.', '_'
/// and '-' (what the three hosts allow in a name; nothing that could leave the URL's segment).
bool is_importable_username(std::string_view username);

}  // namespace accountd::services
