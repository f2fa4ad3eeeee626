#pragma once
// The service configuration: one INI file, every key with a default and bounds, secrets in their
// own file or the environment. Unknown keys and bad values are refused with the key's name.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "crypto/password_hasher.hpp"

namespace accountd::config {

enum class Dialect { pterodactyl, calagopus, eclipanel };
enum class TwoFactorRequirement { none, admins, all };

/// `hits` requests per `window_seconds` (a fixed window); hits 0 turns the limit off.
struct RateWindow {
    std::uint32_t hits = 0;
    std::int64_t window_seconds = 0;
};

std::string_view dialect_name(Dialect dialect);
std::optional<Dialect> parse_dialect(std::string_view name);

/// Thrown for any invalid configuration; what() names the key (and line) at fault.
class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The parsed configuration. Every key's default lives in one place, the key table in
/// config.cpp (`accountd check-config --keys` lists them); a default-constructed Config holds
/// those defaults.
struct Config {
    Config();

    // [app]
    std::string app_name;  ///< the panel's name (Pterodactyl's APP_NAME): TOTP issuer, context word
    // [server]
    std::string socket_path;
    unsigned socket_mode{};
    int socket_backlog{};
    int workers{};  ///< 0 means 2 x online CPUs; resolved by effective_workers()
    Dialect default_dialect{};
    std::size_t max_body_bytes{};
    std::vector<std::string> trusted_origins;  ///< extra Origins allowed for cookie writes
    /// scheme://host[:port][/path] the panel is reached at, without a trailing slash; absolute
    /// links (pagination) start with it. Empty: links are relative paths.
    std::string public_url;
    // [database]
    std::string database_url;  ///< after load_config: with the password and the timeouts below
    int database_connect_timeout{};  ///< seconds; SOCI's connect_timeout
    int database_read_timeout{};     ///< seconds; SOCI's read_timeout
    int database_write_timeout{};    ///< seconds; SOCI's write_timeout
    // [secrets]
    std::string secrets_file;
    std::string server_key;  ///< raw bytes, >= 32; never logged
    /// Keys for sealing TOTP secrets, by key id (1-255; id 0 is derived from server_key and
    /// always known), and the id new secrets are sealed with. From the secrets file.
    std::map<std::uint8_t, std::string> sealing_keys;
    std::uint8_t sealing_key_current = 0;
    // [session]
    int session_absolute_lifetime{};
    int session_idle_timeout{};
    int session_touch_interval{};
    bool cookie_secure{};
    std::string pterodactyl_cookie;
    std::string calagopus_cookie;
    std::string eclipanel_cookie;
    // [password]
    crypto::Argon2Params argon2;
    int password_min_length{};
    int password_max_length{};
    /// Lists of common passwords and words a new password may not be (services/password_policy).
    std::vector<std::string> password_blocklist_files;
    int password_hash_concurrency{};  ///< 0 means online CPUs; resolved by effective_hash_slots()
    int password_hash_wait_ms{};
    int login_failure_min_ms{};  ///< a failed sign-in answers no sooner than this
    // [throttle] failed sign-ins, counted in the database so every worker and host shares them
    int login_ip_account_max{};
    int login_ip_account_window{};
    int login_account_max{};
    int login_account_window{};
    int login_ip_max{};
    int login_ip_window{};
    int login_known_address_days{};  ///< 0: no address is ever known to an account
    int throttle_ipv6_prefix{};      ///< IPv6 clients are counted per network of this many bits
    // [ratelimit] requests per minute per user on the client API (0 = off)
    int client_per_minute{};
    /// Calagopus' per-address limits (its §1.7 ids client, auth/login, auth/login/checkpoint,
    /// auth/register), counted by all workers of one master.
    RateWindow calagopus_client_limit;
    RateWindow calagopus_login_limit;
    RateWindow calagopus_checkpoint_limit;
    RateWindow calagopus_register_limit;
    /// EcliPanel's two-factor limits (its §11), counted by all workers of one master: per client
    /// address (verify-login, send-email, enable, disable) or per account (the rest).
    RateWindow eclipanel_2fa_verify_login_limit;
    RateWindow eclipanel_2fa_code_missing_limit;
    RateWindow eclipanel_2fa_backup_failure_limit;
    RateWindow eclipanel_2fa_totp_soft_limit;
    RateWindow eclipanel_2fa_totp_hard_limit;
    RateWindow eclipanel_2fa_send_email_limit;
    RateWindow eclipanel_2fa_enable_limit;
    RateWindow eclipanel_2fa_disable_limit;
    /// EcliPanel's API-key creations per client address and per user (§11), not for role `*`.
    RateWindow eclipanel_apikey_create_ip_limit;
    RateWindow eclipanel_apikey_create_user_limit;
    /// EcliPanel's account limits (reference eclipanel.md §11): registrations per address,
    /// profile updates and avatar uploads per user and address.
    RateWindow eclipanel_register_limit;
    /// EcliPanel sign-ins (POST /api/auth/login) per client address, before the shared throttle.
    RateWindow eclipanel_login_limit;
    RateWindow eclipanel_profile_update_limit;
    RateWindow eclipanel_avatar_limit;
    // [registration] self-service sign-up (Calagopus' POST /api/auth/register)
    bool registration_enabled{};
    bool registration_first_user_admin{};  ///< the first account registered becomes root admin
    // [security]
    TwoFactorRequirement require_2fa{};
    std::string totp_issuer;  ///< empty: app_name
    /// The otpauth issuer authenticator apps show: totp_issuer, else app_name.
    const std::string& effective_totp_issuer() const {
        return totp_issuer.empty() ? app_name : totp_issuer;
    }
    int totp_setup_seconds{};     ///< how long a pending (not yet enabled) TOTP secret lasts
    int fresh_sign_in_seconds{};  ///< how recent a sign-in must be to disable 2FA or renew codes
    int totp_window{};
    int checkpoint_max_failures{};
    // [activity]
    int activity_retention_days{};       ///< 0 keeps entries forever
    int activity_ip_blocked_interval{};  ///< seconds between two auth:ip-blocked rows of one key
    int eclipanel_max_api_keys{};        ///< 64-hex keys one user may hold (expired included)
    int calagopus_max_api_keys{};        ///< c7sp_ keys one user may hold (expired ones included)
    // [housekeeping]
    int housekeeping_interval{};     ///< seconds between one worker's runs
    int housekeeping_max_batches{};  ///< batches of 1000 rows per kind one run may delete
    // [pterodactyl] the SPA's pages and translations (empty: the panel serves them)
    std::string pterodactyl_index_template;
    std::string pterodactyl_lang_dir;
    // [calagopus]
    std::uint64_t calagopus_max_ssh_keys{};
    /// Provider URL templates holding {username}; https, or http to a loopback host.
    std::string calagopus_ssh_import_github_url;
    std::string calagopus_ssh_import_gitlab_url;
    std::string calagopus_ssh_import_launchpad_url;
    int calagopus_ssh_import_timeout_ms{};
    std::size_t calagopus_ssh_import_max_bytes{};
    std::string calagopus_language;  ///< the default language GET /api/settings announces
    // [avatar]
    std::string avatar_directory;   ///< avatars are stored under it as avatars/<uuid>/<name>.webp
    std::string avatar_public_url;  ///< an avatar URL's start; empty: public_url
    std::size_t avatar_max_bytes{};
    /// The larger of max_body_bytes and avatar_max_bytes: what a worker reads at most.
    std::size_t largest_body_bytes() const {
        return max_body_bytes > avatar_max_bytes ? max_body_bytes : avatar_max_bytes;
    }
    // [log]
    std::string log_level;

    int effective_workers() const;
    int effective_hash_slots() const;
};

/// Looks up an environment variable; injected so tests need not touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup process_environment();

/// Parses INI text (no secrets resolution). `origin` names the file in error messages.
Config parse_config(const std::string& text, const std::string& origin);

/// Reads the file at `path`, applies environment overrides (ACCOUNTD_DATABASE_URL,
/// ACCOUNTD_SERVER_KEY, ACCOUNTD_SECRETS_FILE), loads the secrets file and validates the result.
/// The secrets file, and the config file when its database.url names a password, must have no
/// group-write and no other bits and belong to root or the effective user. Throws ConfigError.
Config load_config(const std::string& path, const EnvLookup& env);

/// The default config path, or ACCOUNTD_CONFIG when set.
std::string default_config_path(const EnvLookup& env);

/// Every key with its default and a one-line description, for `accountd check-config --keys`.
std::string describe_keys();

/// A key of the table: its full name ("section.key") and its default, as the file would spell it.
struct KeyDefault {
    std::string name;
    std::string default_text;
};
/// Every key of the table, in its order.
std::vector<KeyDefault> key_defaults();

}  // namespace accountd::config
