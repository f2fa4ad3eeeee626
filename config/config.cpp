#include "config/config.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "crypto/encoding.hpp"
#include "services/text.hpp"

namespace accountd::config {
namespace {

using services::trim;

// "a, b,,c " is {"a", "b", "c"}.
std::vector<std::string> parse_list(const std::string& value) {
    std::vector<std::string> items;
    std::stringstream in(value);
    std::string item;
    while (std::getline(in, item, ',')) {
        item = trim(item);
        if (!item.empty()) items.push_back(item);
    }
    return items;
}

// The most SSH keys any panel may let a user hold (services/ssh_key_service.hpp).
constexpr long long kMaxSshKeysCap = 100;

// A provider URL template: https (or http to a loopback host, for tests), with {username}.
std::string parse_import_url(const std::string& key, const std::string& value) {
    const bool https = value.starts_with("https://");
    const bool loopback_http =
        value.starts_with("http://127.0.0.1:") || value.starts_with("http://127.0.0.1/") ||
        value.starts_with("http://[::1]:") || value.starts_with("http://[::1]/") ||
        value.starts_with("http://localhost:") || value.starts_with("http://localhost/");
    if (!https && !loopback_http) {
        throw ConfigError(key +
                          ": must be an https URL (http only to 127.0.0.1, [::1] or localhost)");
    }
    if (value.find("{username}") == std::string::npos) {
        throw ConfigError(key + ": must contain {username}");
    }
    if (value.find_first_of(" \t\r\n") != std::string::npos) {
        throw ConfigError(key + ": must not contain whitespace");
    }
    return value;
}

long long parse_integer(const std::string& key, const std::string& value, long long min,
                        long long max, int base = 10) {
    long long out = 0;
    const auto* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, out, base);
    if (value.empty() || ec != std::errc{} || ptr != end || out < min || out > max) {
        std::ostringstream msg;
        msg << key << ": must be " << (base == 8 ? "an octal number" : "an integer") << " between "
            << min << " and " << max << " (got '" << value << "')";
        throw ConfigError(msg.str());
    }
    return out;
}

bool parse_bool(const std::string& key, const std::string& value) {
    if (value == "true" || value == "yes" || value == "on" || value == "1") return true;
    if (value == "false" || value == "no" || value == "off" || value == "0") return false;
    throw ConfigError(key + ": must be true or false (got '" + value + "')");
}

// "<hits>/<seconds>", e.g. 360/30.
RateWindow parse_rate_window(const std::string& key, const std::string& value) {
    const auto slash = value.find('/');
    if (slash == std::string::npos) {
        throw ConfigError(key + ": must be <hits>/<seconds>, e.g. 20/300 (got '" + value + "')");
    }
    RateWindow w;
    w.hits = static_cast<std::uint32_t>(parse_integer(key, value.substr(0, slash), 0, 1000000));
    w.window_seconds = parse_integer(key, value.substr(slash + 1), 1, 86400);
    return w;
}

std::string parse_cookie_name(const std::string& key, const std::string& value) {
    if (value.empty() || value.size() > 64 ||
        value.find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") !=
            std::string::npos) {
        throw ConfigError(key + ": must be 1-64 characters of [A-Za-z0-9_-] (got '" + value + "')");
    }
    return value;
}

struct KeySpec {
    const char* name;
    const char* default_text;
    const char* description;
    std::function<void(Config&, const std::string& key, const std::string& value)> apply;
};

const std::vector<KeySpec>& key_table() {
    static const std::vector<KeySpec> table = {
        {"app.name", "Pterodactyl",
         "The panel's name as users know it (Pterodactyl's APP_NAME): the issuer authenticator "
         "apps show, and a word a new password may not be made of.",
         [](Config& c, const std::string& k, const std::string& v) {
             if (v.empty() || v.size() > 64) throw ConfigError(k + ": must be 1-64 characters");
             c.app_name = v;
         }},
        {"server.socket", "/run/accountd/accountd.sock",
         "FastCGI unix socket the master creates (ignored under systemd socket activation).",
         [](Config& c, const std::string& k, const std::string& v) {
             if (v.empty() || v[0] != '/' || v.size() > 100) {
                 throw ConfigError(k + ": must be an absolute path of at most 100 bytes");
             }
             c.socket_path = v;
         }},
        {"server.socket_mode", "0660", "Permissions of the socket file (octal).",
         [](Config& c, const std::string& k, const std::string& v) {
             c.socket_mode = static_cast<unsigned>(parse_integer(k, v, 0, 0777, 8));
         }},
        {"server.socket_backlog", "1024", "listen(2) backlog of the socket.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.socket_backlog = static_cast<int>(parse_integer(k, v, 16, 65535));
         }},
        {"server.workers", "0", "Worker processes; 0 means two per CPU core.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.workers = static_cast<int>(parse_integer(k, v, 0, 256));
         }},
        {"server.default_dialect", "pterodactyl",
         "Dialect when nginx sends no ACCOUNTD_DIALECT: pterodactyl, calagopus or eclipanel.",
         [](Config& c, const std::string& k, const std::string& v) {
             const auto d = parse_dialect(v);
             if (!d) throw ConfigError(k + ": must be pterodactyl, calagopus or eclipanel");
             c.default_dialect = *d;
         }},
        {"server.max_body_bytes", "65536", "Largest request body accepted; larger gets 413.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.max_body_bytes = static_cast<std::size_t>(parse_integer(k, v, 1024, 16 << 20));
         }},
        {"server.trusted_origins", "",
         "Comma-separated extra origins (scheme://host[:port], compared whole) allowed to make "
         "cookie-authenticated writes; the request's own origin (scheme, host and port) always "
         "is.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.trusted_origins = parse_list(v);
             for (const auto& origin : c.trusted_origins) {
                 const auto scheme_end = origin.find("://");
                 if (scheme_end == std::string::npos || scheme_end == 0 ||
                     origin.size() == scheme_end + 3 ||
                     origin.find_first_of("/?#@ ", scheme_end + 3) != std::string::npos) {
                     throw ConfigError(k + ": \"" + origin +
                                       "\" is not an origin (scheme://host[:port], no path)");
                 }
             }
         }},
        {"server.public_url", "",
         "Base URL the panel is reached at (https://panel.example.com); pagination links start "
         "with it, never with the request's Host header. Empty: links are relative paths.",
         [](Config& c, const std::string& k, const std::string& v) {
             std::string url = v;
             while (url.ends_with('/'))
                 url.pop_back();
             const auto scheme_end = url.find("://");
             const bool scheme_ok = url.starts_with("https://") || url.starts_with("http://");
             if (!url.empty() &&
                 (!scheme_ok || scheme_end + 3 >= url.size() || url[scheme_end + 3] == '/' ||
                  url.find_first_of("?#\"\\ \t") != std::string::npos)) {
                 throw ConfigError(k + ": must be empty or http(s)://host[:port][/path] (got '" +
                                   v + "')");
             }
             c.public_url = url;
         }},
        {"database.url", "db=accountd user=accountd host=localhost",
         "SOCI MySQL connection string (db, user, password, host, port, unix_socket, charset). "
         "Overridden by ACCOUNTD_DATABASE_URL.",
         [](Config& c, const std::string& k, const std::string& v) {
             if (v.find("db=") == std::string::npos && v.find("dbname=") == std::string::npos) {
                 throw ConfigError(k + ": must name a database (db=...)");
             }
             c.database_url = v;
         }},
        {"database.connect_timeout", "5",
         "Seconds to open a database connection (TCP connect and handshake) before the request "
         "fails with 503.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.database_connect_timeout = static_cast<int>(parse_integer(k, v, 1, 3600));
         }},
        {"database.read_timeout", "10",
         "Seconds a worker waits for the database's answer to one statement before it drops the "
         "connection and the request fails with 503 (a stalled server must not pin every "
         "worker).",
         [](Config& c, const std::string& k, const std::string& v) {
             c.database_read_timeout = static_cast<int>(parse_integer(k, v, 1, 3600));
         }},
        {"database.write_timeout", "10",
         "Seconds a worker waits to send a statement to the database before the request fails "
         "with 503.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.database_write_timeout = static_cast<int>(parse_integer(k, v, 1, 3600));
         }},
        {"secrets.file", "/etc/accountd/secrets.conf",
         "File holding server_key (and optionally database_password); keep it mode 0640.",
         [](Config& c, const std::string&, const std::string& v) { c.secrets_file = v; }},
        {"session.absolute_lifetime", "43200", "Seconds a session lives at most (12 h).",
         [](Config& c, const std::string& k, const std::string& v) {
             c.session_absolute_lifetime = static_cast<int>(parse_integer(k, v, 300, 31LL * 86400));
         }},
        {"session.idle_timeout", "1800", "Seconds of inactivity that end a session (30 min).",
         [](Config& c, const std::string& k, const std::string& v) {
             c.session_idle_timeout = static_cast<int>(parse_integer(k, v, 60, 31LL * 86400));
         }},
        {"session.touch_interval", "60",
         "A session's last-used time is written at most this often (seconds).",
         [](Config& c, const std::string& k, const std::string& v) {
             c.session_touch_interval = static_cast<int>(parse_integer(k, v, 1, 3600));
         }},
        {"session.cookie_secure", "true",
         "Mark cookies Secure; only the loopback run command turns this off.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.cookie_secure = parse_bool(k, v);
         }},
        {"session.pterodactyl_cookie", "pterodactyl_session", "Pterodactyl session cookie name.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.pterodactyl_cookie = parse_cookie_name(k, v);
         }},
        {"session.calagopus_cookie", "calagopus_session", "Calagopus session cookie name.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.calagopus_cookie = parse_cookie_name(k, v);
         }},
        {"session.eclipanel_cookie", "token", "EcliPanel session (JWT) cookie name.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_cookie = parse_cookie_name(k, v);
         }},
        {"password.argon2_memory_kib", "19456", "argon2id memory cost in KiB (OWASP: 19 MiB).",
         [](Config& c, const std::string& k, const std::string& v) {
             c.argon2.memory_kib = static_cast<std::uint32_t>(parse_integer(k, v, 8192, 1 << 20));
         }},
        {"password.argon2_iterations", "2", "argon2id time cost.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.argon2.iterations = static_cast<std::uint32_t>(parse_integer(k, v, 1, 32));
         }},
        {"password.argon2_parallelism", "1", "argon2id lanes.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.argon2.parallelism = static_cast<std::uint32_t>(parse_integer(k, v, 1, 16));
         }},
        {"password.min_length", "12", "Shortest new password accepted (NIST 800-63B).",
         [](Config& c, const std::string& k, const std::string& v) {
             c.password_min_length = static_cast<int>(parse_integer(k, v, 8, 128));
         }},
        {"password.max_length", "128",
         "Longest new password accepted (at most 128, so that any UTF-8 password fits every "
         "sign-in form's byte limit); longer stored ones still sign in.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.password_max_length = static_cast<int>(parse_integer(k, v, 64, 128));
         }},
        {"password.blocklist_files", "/usr/share/john/password.lst,/usr/share/dict/cracklib-small",
         "Comma-separated lists of common passwords and words a new password may not be "
         "(Debian's john-data and cracklib-runtime); empty for none.",
         [](Config& c, const std::string&, const std::string& v) {
             c.password_blocklist_files = parse_list(v);
         }},
        {"password.hash_concurrency", "0",
         "Password hashes running at once on this host (all workers together); 0 means one per "
         "CPU core. Sign-ins past it wait, then get 503.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.password_hash_concurrency = static_cast<int>(parse_integer(k, v, 0, 1024));
         }},
        {"password.hash_wait_ms", "50",
         "Milliseconds a request waits for a free hash slot before it is answered 503.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.password_hash_wait_ms = static_cast<int>(parse_integer(k, v, 0, 10000));
         }},
        {"password.failed_login_min_ms", "150",
         "A failed sign-in answers no sooner than this many milliseconds after it arrived, so "
         "its time tells nothing of the stored hash's kind or cost; 0 turns it off.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.login_failure_min_ms = static_cast<int>(parse_integer(k, v, 0, 5000));
         }},
        {"throttle.login_ip_account_max", "5",
         "Failed sign-ins allowed per client IP and account within the window below.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.login_ip_account_max = static_cast<int>(parse_integer(k, v, 1, 1000000));
         }},
        {"throttle.login_ip_account_window", "60", "Seconds of that window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.login_ip_account_window = static_cast<int>(parse_integer(k, v, 1, 86400));
         }},
        {"throttle.login_account_max", "100",
         "Failed sign-ins allowed per account, from any address, within the window below.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.login_account_max = static_cast<int>(parse_integer(k, v, 1, 1000000));
         }},
        {"throttle.login_account_window", "3600", "Seconds of that window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.login_account_window = static_cast<int>(parse_integer(k, v, 1, 86400));
         }},
        {"throttle.login_ip_max", "30",
         "Failed sign-ins allowed per client IP, for any accounts, within the window below.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.login_ip_max = static_cast<int>(parse_integer(k, v, 1, 1000000));
         }},
        {"throttle.login_ip_window", "60", "Seconds of that window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.login_ip_window = static_cast<int>(parse_integer(k, v, 1, 86400));
         }},
        {"throttle.known_address_days", "30",
         "Days an address an account signed in from keeps a per-account count of its own, so "
         "strangers cannot lock the owner out; 0 turns that off.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.login_known_address_days = static_cast<int>(parse_integer(k, v, 0, 365));
         }},
        {"throttle.ipv6_prefix", "64",
         "IPv6 clients are counted per network of this many bits (a host is given a /64); IPv4 "
         "per address.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.throttle_ipv6_prefix = static_cast<int>(parse_integer(k, v, 32, 128));
         }},
        {"ratelimit.client_per_minute", "720",
         "Client-API requests per user (or API key owner) per minute, counted by all workers of "
         "one host; 0 turns the limit off.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.client_per_minute = static_cast<int>(parse_integer(k, v, 0, 65535));
         }},
        {"ratelimit.calagopus_client", "360/30",
         "Calagopus client-API requests per client address per window (<hits>/<seconds>), "
         "counted before authentication; 0/<seconds> turns it off.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.calagopus_client_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.calagopus_login", "20/300",
         "Calagopus sign-ins (POST /api/auth/login) per client address per window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.calagopus_login_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.calagopus_checkpoint", "10/300",
         "Calagopus two-factor checkpoints (POST /api/auth/login/checkpoint) per client address "
         "per window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.calagopus_checkpoint_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.calagopus_register", "10/3600",
         "Calagopus registrations (POST /api/auth/register) per client address per window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.calagopus_register_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_2fa_verify_login", "10/60",
         "EcliPanel two-factor sign-in completions (POST /api/auth/2fa/verify-login) per client "
         "address per window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_2fa_verify_login_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_2fa_code_missing", "5/300",
         "EcliPanel verify-login requests without any code, per account per window (then 429 "
         "instead of 400 \"2FA code required\").",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_2fa_code_missing_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_2fa_backup_failures", "5/3600",
         "EcliPanel wrong backup codes at verify-login per account per window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_2fa_backup_failure_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_2fa_totp_soft", "3/300",
         "EcliPanel TOTP codes tried at verify-login per account per short window (right ones "
         "count too).",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_2fa_totp_soft_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_2fa_totp_hard", "10/3600",
         "EcliPanel TOTP codes tried at verify-login per account per long window; past it the "
         "account's two-factor sign-in is locked for the rest of the window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_2fa_totp_hard_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_2fa_send_email", "6/60",
         "EcliPanel e-mail code requests (POST /api/auth/2fa/send-email) per client address per "
         "window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_2fa_send_email_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_2fa_enable", "5/300",
         "EcliPanel two-factor enables (POST /api/auth/2fa/verify) per client address per window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_2fa_enable_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_2fa_disable", "5/300",
         "EcliPanel two-factor disables (POST /api/auth/2fa/disable) per client address per "
         "window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_2fa_disable_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_apikey_create_ip", "10/3600",
         "EcliPanel API-key creations (POST /api/apikeys) per client address per window; role "
         "`*` is not counted.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_apikey_create_ip_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_apikey_create_user", "5/86400",
         "EcliPanel API-key creations (POST /api/apikeys) per user per window; role `*` is not "
         "counted.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_apikey_create_user_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_login", "20/60",
         "EcliPanel sign-ins (POST /api/auth/login) per client address per window, counted before "
         "the password is looked at; the shared sign-in throttle (throttle.*) applies as well.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_login_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_register", "5/3600",
         "EcliPanel registrations (POST /api/users/register) per client address per window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_register_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_profile_update", "6/60",
         "EcliPanel profile updates (PUT /api/users/:id) per user and client address per window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_profile_update_limit = parse_rate_window(k, v);
         }},
        {"ratelimit.eclipanel_avatar", "4/120",
         "EcliPanel avatar uploads (POST /api/users/:id/avatar) per user and client address per "
         "window.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_avatar_limit = parse_rate_window(k, v);
         }},
        {"registration.enabled", "false",
         "Whether anyone may create an account (Calagopus' POST /api/auth/register, EcliPanel's "
         "POST /api/users/register).",
         [](Config& c, const std::string& k, const std::string& v) {
             c.registration_enabled = parse_bool(k, v);
         }},
        {"registration.first_user_admin", "false",
         "Whether the first account registered, with no account in the database yet, becomes a "
         "root admin (as Calagopus does).",
         [](Config& c, const std::string& k, const std::string& v) {
             c.registration_first_user_admin = parse_bool(k, v);
         }},
        {"activity.retention_days", "90",
         "Days an activity-log entry is kept (Pterodactyl prunes at 90); 0 keeps them forever.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.activity_retention_days = static_cast<int>(parse_integer(k, v, 0, 36500));
         }},
        {"activity.ip_blocked_interval", "60",
         "Seconds between two auth:ip-blocked entries of one API key; the refusals between "
         "are not recorded.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.activity_ip_blocked_interval = static_cast<int>(parse_integer(k, v, 1, 86400));
         }},
        {"api_keys.eclipanel_max", "25",
         "API keys a user may make through the EcliPanel dialect, expired ones included.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.eclipanel_max_api_keys = static_cast<int>(parse_integer(k, v, 1, 10000));
         }},
        {"api_keys.calagopus_max", "50",
         "API keys a user may make through the Calagopus dialect (its user.max_api_key_count), "
         "expired ones included.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.calagopus_max_api_keys = static_cast<int>(parse_integer(k, v, 1, 10000));
         }},
        {"housekeeping.interval", "300",
         "Seconds between one worker's deletes of expired sessions, pending sign-ins, ended "
         "throttle windows and old activity.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.housekeeping_interval = static_cast<int>(parse_integer(k, v, 1, 86400));
         }},
        {"housekeeping.max_batches", "100",
         "Batches of 1000 rows of each kind one run may delete; a run goes on while batches "
         "come back full.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.housekeeping_max_batches = static_cast<int>(parse_integer(k, v, 1, 100000));
         }},
        {"security.require_2fa", "admins", "Who must use two-factor: none, admins or all.",
         [](Config& c, const std::string& k, const std::string& v) {
             if (v == "none")
                 c.require_2fa = TwoFactorRequirement::none;
             else if (v == "admins")
                 c.require_2fa = TwoFactorRequirement::admins;
             else if (v == "all")
                 c.require_2fa = TwoFactorRequirement::all;
             else
                 throw ConfigError(k + ": must be none, admins or all (got '" + v + "')");
         }},
        {"security.totp_issuer", "",
         "Name authenticator apps show for this service (the otpauth issuer); empty means "
         "app.name.",
         [](Config& c, const std::string& k, const std::string& v) {
             if (v.size() > 64) throw ConfigError(k + ": must be at most 64 characters");
             c.totp_issuer = v;
         }},
        {"security.totp_setup_seconds", "600",
         "Seconds a two-factor setup in progress keeps its secret: the setup form returns the "
         "same one until then (a reload or a second tab keeps working), and it cannot be "
         "enabled after.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.totp_setup_seconds = static_cast<int>(parse_integer(k, v, 60, 86400));
         }},
        {"security.fresh_sign_in_seconds", "900",
         "Disabling two-factor or renewing recovery codes needs a session whose sign-in (with "
         "its checkpoint) is at most this many seconds old.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.fresh_sign_in_seconds = static_cast<int>(parse_integer(k, v, 60, 86400));
         }},
        {"security.checkpoint_max_failures", "5",
         "Wrong codes one confirmation token survives at the two-factor checkpoint; then the "
         "password has to be given again.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.checkpoint_max_failures = static_cast<int>(parse_integer(k, v, 1, 100));
         }},
        {"security.totp_window", "1",
         "TOTP time steps accepted either side of now (RFC 6238 section 5.2); each step once.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.totp_window = static_cast<int>(parse_integer(k, v, 0, 4));
         }},
        {"pterodactyl.index_template", "",
         "Absolute path of the page that carries Pterodactyl's SPA (the panel's built page or a "
         "copy of its wrapper); accountd serves it with the session's bootstrap data for /, "
         "/account/... and the GET pages under /auth/. Empty: the panel serves its pages.",
         [](Config& c, const std::string& k, const std::string& v) {
             if (!v.empty() && v.front() != '/')
                 throw ConfigError(k + ": must be an absolute path");
             c.pterodactyl_index_template = v;
         }},
        {"pterodactyl.lang_dir", "",
         "Absolute path of the panel's language files (resources/lang); /locales/locale.json "
         "serves their texts to the SPA. Empty: every namespace is empty.",
         [](Config& c, const std::string& k, const std::string& v) {
             if (!v.empty() && v.front() != '/')
                 throw ConfigError(k + ": must be an absolute path");
             c.pterodactyl_lang_dir = v;
         }},
        {"calagopus.max_ssh_keys", "50",
         "SSH keys a user may add through Calagopus (its user.max_ssh_key_count); keys added "
         "through another panel count too.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.calagopus_max_ssh_keys =
                 static_cast<std::uint64_t>(parse_integer(k, v, 1, kMaxSshKeysCap));
         }},
        {"calagopus.ssh_import_github_url", "https://api.github.com/users/{username}/keys",
         "GitHub's key list for the SSH key import; {username} is replaced by the percent-encoded "
         "name. https, or http to a loopback host.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.calagopus_ssh_import_github_url = parse_import_url(k, v);
         }},
        {"calagopus.ssh_import_gitlab_url", "https://gitlab.com/api/v4/users/{username}/keys",
         "GitLab's key list for the SSH key import (as ssh_import_github_url).",
         [](Config& c, const std::string& k, const std::string& v) {
             c.calagopus_ssh_import_gitlab_url = parse_import_url(k, v);
         }},
        {"calagopus.ssh_import_launchpad_url", "https://api.launchpad.net/1.0/~{username}/sshkeys",
         "Launchpad's key list for the SSH key import (as ssh_import_github_url).",
         [](Config& c, const std::string& k, const std::string& v) {
             c.calagopus_ssh_import_launchpad_url = parse_import_url(k, v);
         }},
        {"calagopus.ssh_import_timeout_ms", "5000",
         "Longest an SSH key import may wait for its provider, whole exchange (ms); the worker "
         "serves nobody else meanwhile.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.calagopus_ssh_import_timeout_ms = static_cast<int>(parse_integer(k, v, 100, 30000));
         }},
        {"calagopus.ssh_import_max_bytes", "262144",
         "Largest provider answer an SSH key import reads (bytes); a longer one is a failed fetch.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.calagopus_ssh_import_max_bytes =
                 static_cast<std::size_t>(parse_integer(k, v, 1024, 16 << 20));
         }},
        {"calagopus.language", "en",
         "The default language Calagopus' GET /api/settings announces (one of GET "
         "/api/languages).",
         [](Config& c, const std::string& k, const std::string& v) {
             if (v.size() < 2 || v.size() > 15) throw ConfigError(k + ": must be 2-15 characters");
             c.calagopus_language = v;
         }},
        {"avatar.directory", "/var/lib/accountd/storage",
         "Absolute path of the directory avatars are stored under (as "
         "avatars/<uuid>/<name>.webp); "
         "nginx serves it at /avatars/ (nginx/accountd-avatars.conf).",
         [](Config& c, const std::string& k, const std::string& v) {
             if (v.size() < 2 || v.front() != '/' || v.back() == '/')
                 throw ConfigError(k + ": must be an absolute path without a trailing slash");
             c.avatar_directory = v;
         }},
        {"avatar.public_url", "",
         "scheme://host[:port][/path] an avatar's URL starts with (then /avatars/...). "
         "Empty: "
         "server.public_url; both empty: a path from the site root.",
         [](Config& c, const std::string& k, const std::string& v) {
             if (!v.empty() &&
                 (!(v.starts_with("http://") || v.starts_with("https://")) || v.back() == '/')) {
                 throw ConfigError(k +
                                   ": must be empty or http(s)://host[:port][/path] without "
                                   "a trailing slash");
             }
             c.avatar_public_url = v;
         }},
        {"avatar.max_bytes", "2097152",
         "Largest avatar upload accepted (the panel's 2 MiB); larger gets 413. nginx's "
         "client_max_body_size for the avatar location must match.",
         [](Config& c, const std::string& k, const std::string& v) {
             c.avatar_max_bytes = static_cast<std::size_t>(parse_integer(k, v, 1024, 16 << 20));
         }},
        {"log.level", "info", "Least severe log level written: debug, info, warn or error.",
         [](Config& c, const std::string& k, const std::string& v) {
             if (v != "debug" && v != "info" && v != "warn" && v != "error") {
                 throw ConfigError(k + ": must be debug, info, warn or error (got '" + v + "')");
             }
             c.log_level = v;
         }},
    };  // namespace
    return table;
}  // namespace accountd::config

const KeySpec* find_key(const std::string& name) {
    for (const auto& spec : key_table()) {
        if (name == spec.name) return &spec;
    }
    return nullptr;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError("cannot read " + path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// Shared by the config file and the secrets file: `[section]`, `key = value`, '#' or ';' comments.
std::vector<std::pair<std::string, std::string>> parse_ini(const std::string& text,
                                                           const std::string& origin) {
    std::vector<std::pair<std::string, std::string>> entries;
    std::string section;
    std::istringstream in(text);
    std::string raw;
    int line_no = 0;
    while (std::getline(in, raw)) {
        ++line_no;
        const std::string line = trim(raw);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        const std::string where = origin + ":" + std::to_string(line_no);
        if (line.front() == '[') {
            if (line.back() != ']') throw ConfigError(where + ": malformed section header");
            section = trim(std::string_view(line).substr(1, line.size() - 2));
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos) throw ConfigError(where + ": expected key = value");
        const std::string key = trim(std::string_view(line).substr(0, eq));
        std::string value = trim(std::string_view(line).substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        entries.emplace_back(section.empty() ? key : section + "." + key, value);
    }
    return entries;
}

// A file holding a secret (the server key, the database password) must be private to its owner and
// group: group write or any bit for others lets another local user read or replace the secret, and
// a file owned by anyone but root or ourselves is someone else's to rewrite. `key` names the
// config key (or file) in the error.
void check_private_file(const std::string& key, const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return;  // reading it reports the error
    if ((info.st_mode & (S_IWGRP | S_IRWXO)) != 0) {
        std::ostringstream mode;
        mode << std::oct << (info.st_mode & 07777);
        throw ConfigError(key + ": " + path + " has mode 0" + mode.str() +
                          " (group-writable or open to other users); chmod 0640 it (owner root, "
                          "group accountd)");
    }
    if (info.st_uid != 0 && info.st_uid != ::geteuid()) {
        throw ConfigError(key + ": " + path + " belongs to uid " + std::to_string(info.st_uid) +
                          "; it must belong to root or to the user accountd runs as");
    }
}

// Whether a SOCI connection string sets option `name` (a whitespace-separated `name=value`).
bool names_option(const std::string& url, const std::string& name) {
    std::istringstream in(url);
    std::string token;
    while (in >> token) {
        if (token.starts_with(name + "=")) return true;
    }
    return false;
}

// The database.*_timeout keys as SOCI connection options, for those the URL does not set itself.
void add_timeouts(Config& config) {
    const std::pair<const char*, int> options[] = {
        {"connect_timeout", config.database_connect_timeout},
        {"read_timeout", config.database_read_timeout},
        {"write_timeout", config.database_write_timeout}};
    for (const auto& [name, seconds] : options) {
        if (!names_option(config.database_url, name)) {
            // append(), not " " + std::string(name): GCC 12's -Wrestrict misfires on that at -O2.
            config.database_url.append(" ").append(name).append("=").append(
                std::to_string(seconds));
        }
    }
}

void apply_secrets(Config& config, const std::string& text, const std::string& origin) {
    for (const auto& [key, value] : parse_ini(text, origin)) {
        if (key == "server_key") {
            auto bytes = crypto::from_hex(value);
            if (!bytes) throw ConfigError("secrets.server_key: must be hexadecimal");
            config.server_key = std::move(*bytes);
        } else if (key.starts_with("sealing_key_") && key != "sealing_key_current") {
            const std::string id_text = key.substr(std::string_view("sealing_key_").size());
            const auto id = parse_integer("secrets." + key, id_text, 1, 255);
            auto bytes = crypto::from_hex(value);
            if (!bytes || bytes->size() != 32) {
                throw ConfigError("secrets." + key + ": must be 64 hexadecimal characters");
            }
            config.sealing_keys[static_cast<std::uint8_t>(id)] = std::move(*bytes);
        } else if (key == "sealing_key_current") {
            config.sealing_key_current =
                static_cast<std::uint8_t>(parse_integer("secrets." + key, value, 0, 255));
        } else if (key == "database_password") {
            if (value.find('\'') != std::string::npos) {
                throw ConfigError("secrets.database_password: must not contain a single quote");
            }
            config.database_url += " password='" + value + "'";
        } else {
            throw ConfigError(origin + ": unknown key '" + key + "'");
        }
    }
}

}  // namespace

std::string_view dialect_name(Dialect dialect) {
    switch (dialect) {
        case Dialect::pterodactyl:
            return "pterodactyl";
        case Dialect::calagopus:
            return "calagopus";
        case Dialect::eclipanel:
            return "eclipanel";
    }
    return "pterodactyl";
}

std::optional<Dialect> parse_dialect(std::string_view name) {
    if (name == "pterodactyl") return Dialect::pterodactyl;
    if (name == "calagopus") return Dialect::calagopus;
    if (name == "eclipanel") return Dialect::eclipanel;
    return std::nullopt;
}

Config::Config() {
    for (const auto& spec : key_table())
        spec.apply(*this, spec.name, spec.default_text);
}

int Config::effective_workers() const {
    if (workers > 0) return workers;
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return static_cast<int>(cores > 0 ? 2 * cores : 2);
}

int Config::effective_hash_slots() const {
    if (password_hash_concurrency > 0) return password_hash_concurrency;
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return static_cast<int>(cores > 0 ? cores : 1);
}

EnvLookup process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe)
        if (value == nullptr) return std::nullopt;
        return std::string(value);
    };
}

Config parse_config(const std::string& text, const std::string& origin) {
    Config config;
    for (const auto& [key, value] : parse_ini(text, origin)) {
        const KeySpec* spec = find_key(key);
        if (spec == nullptr) throw ConfigError(origin + ": unknown key '" + key + "'");
        spec->apply(config, key, value);
    }
    return config;
}

Config load_config(const std::string& path, const EnvLookup& env) {
    Config config = parse_config(read_file(path), path);
    // SOCI reads the password from `password` or `pass`.
    if (names_option(config.database_url, "password") ||
        names_option(config.database_url, "pass")) {
        check_private_file("database.url (a password in the config file)", path);
    }
    if (auto url = env("ACCOUNTD_DATABASE_URL"))
        find_key("database.url")->apply(config, "ACCOUNTD_DATABASE_URL", *url);
    if (auto file = env("ACCOUNTD_SECRETS_FILE")) config.secrets_file = *file;
    add_timeouts(config);  // before the password, whose text is no option name

    if (access(config.secrets_file.c_str(), F_OK) == 0) {
        check_private_file("secrets.file", config.secrets_file);
        apply_secrets(config, read_file(config.secrets_file), config.secrets_file);
    }
    if (auto key = env("ACCOUNTD_SERVER_KEY")) {
        auto bytes = crypto::from_hex(*key);
        if (!bytes) throw ConfigError("ACCOUNTD_SERVER_KEY: must be hexadecimal");
        config.server_key = std::move(*bytes);
    }
    if (config.server_key.empty()) {
        throw ConfigError("secrets.server_key: not set (put it in " + config.secrets_file +
                          " or ACCOUNTD_SERVER_KEY)");
    }
    if (config.server_key.size() < 32) {
        throw ConfigError("secrets.server_key: must be at least 32 bytes (64 hex characters)");
    }
    if (config.sealing_key_current != 0 &&
        !config.sealing_keys.contains(config.sealing_key_current)) {
        throw ConfigError("secrets.sealing_key_current: no sealing_key_" +
                          std::to_string(config.sealing_key_current) + " in " +
                          config.secrets_file);
    }
    if (config.session_idle_timeout > config.session_absolute_lifetime) {
        throw ConfigError("session.idle_timeout: must not exceed session.absolute_lifetime");
    }
    if (config.password_max_length < config.password_min_length) {
        throw ConfigError("password.max_length: must not be below password.min_length");
    }
    if (!config.pterodactyl_index_template.empty() &&
        !std::ifstream(config.pterodactyl_index_template)) {
        throw ConfigError("pterodactyl.index_template: cannot read " +
                          config.pterodactyl_index_template);
    }
    for (const auto& list : config.password_blocklist_files) {
        if (!std::ifstream(list)) {
            throw ConfigError("password.blocklist_files: cannot read " + list +
                              " (install john-data and cracklib-runtime, or list other files)");
        }
    }
    return config;
}

std::string default_config_path(const EnvLookup& env) {
    if (auto path = env("ACCOUNTD_CONFIG")) return *path;
    return "/etc/accountd/accountd.conf";
}

std::vector<KeyDefault> key_defaults() {
    std::vector<KeyDefault> out;
    for (const auto& spec : key_table())
        out.push_back({spec.name, spec.default_text});
    return out;
}

std::string describe_keys() {
    std::ostringstream out;
    for (const auto& spec : key_table()) {
        out << spec.name << " = " << spec.default_text << "\n    " << spec.description << "\n";
    }
    return out.str();
}

}  // namespace accountd::config
