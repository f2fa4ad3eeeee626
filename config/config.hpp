#pragma once
// The service configuration: one INI file, every key with a default and bounds, secrets in their
// own file or the environment. Unknown keys and bad values are refused with the key's name.

#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "crypto/password_hasher.hpp"

namespace accountd::config {

enum class Dialect { pterodactyl, calagopus, eclipanel };
enum class TwoFactorRequirement { none, admins, all };

std::string_view dialect_name(Dialect dialect);
std::optional<Dialect> parse_dialect(std::string_view name);

/// Thrown for any invalid configuration; what() names the key (and line) at fault.
class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct Config {
    // [server]
    std::string socket_path = "/run/accountd/accountd.sock";
    unsigned socket_mode = 0660;
    int socket_backlog = 1024;
    int workers = 0;  ///< 0 means 2 x online CPUs; resolved by effective_workers()
    Dialect default_dialect = Dialect::pterodactyl;
    std::size_t max_body_bytes = 64 * 1024;
    std::vector<std::string> trusted_origins;  ///< extra Origins allowed for cookie writes
    // [database]
    std::string database_url = "db=accountd user=accountd host=localhost";
    // [secrets]
    std::string secrets_file = "/etc/accountd/secrets.conf";
    std::string server_key;  ///< raw bytes, >= 32; never logged
    // [session]
    int session_absolute_lifetime = 12 * 3600;
    int session_idle_timeout = 30 * 60;
    int session_touch_interval = 60;
    bool cookie_secure = true;
    std::string pterodactyl_cookie = "pterodactyl_session";
    std::string calagopus_cookie = "calagopus_session";
    std::string eclipanel_cookie = "token";
    // [password]
    crypto::Argon2Params argon2;
    int password_min_length = 12;
    int password_max_length = 128;
    /// Lists of common passwords and words a new password may not be (services/password_policy).
    std::vector<std::string> password_blocklist_files = {"/usr/share/john/password.lst",
                                                         "/usr/share/dict/cracklib-small"};
    // [throttle] failed sign-ins, counted in the database so every worker and host shares them
    int login_ip_account_max = 5;
    int login_ip_account_window = 60;
    int login_account_max = 100;
    int login_account_window = 3600;
    int login_ip_max = 30;
    int login_ip_window = 60;
    int login_known_address_days = 30;  ///< 0: no address is ever known to an account
    // [ratelimit] requests per minute per user on the client API (0 = off)
    int client_per_minute = 720;
    // [security]
    TwoFactorRequirement require_2fa = TwoFactorRequirement::admins;
    std::string totp_issuer = "accountd";
    int totp_window = 1;
    int checkpoint_max_failures = 5;
    // [activity]
    int activity_retention_days = 90;  ///< 0 keeps entries forever
    // [housekeeping]
    int housekeeping_interval = 300;  ///< seconds between one worker's runs
    // [log]
    std::string log_level = "info";

    int effective_workers() const;
};

/// Looks up an environment variable; injected so tests need not touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup process_environment();

/// Parses INI text (no secrets resolution). `origin` names the file in error messages.
Config parse_config(const std::string& text, const std::string& origin);

/// Reads the file at `path`, applies environment overrides (ACCOUNTD_DATABASE_URL,
/// ACCOUNTD_SERVER_KEY, ACCOUNTD_SECRETS_FILE), loads the secrets file and validates the result.
/// Throws ConfigError.
Config load_config(const std::string& path, const EnvLookup& env);

/// The default config path, or ACCOUNTD_CONFIG when set.
std::string default_config_path(const EnvLookup& env);

/// Every key with its default and a one-line description, for `accountd check-config --keys`.
std::string describe_keys();

}  // namespace accountd::config
