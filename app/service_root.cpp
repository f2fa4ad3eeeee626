#include "app/service_root.hpp"

#include "db/mysql_repositories.hpp"

namespace accountd::app {
namespace {

// Key id 0 is derived from the server key: it sealed every TOTP secret before key ids existed.
std::map<std::uint8_t, std::string> sealing_keys(const config::Config& config,
                                                 const services::ServerKeys& keys) {
    auto ring = config.sealing_keys;
    ring[0] = keys.totp_encryption;
    return ring;
}

}  // namespace

ServiceRoot::ServiceRoot(config::Config config, const services::Clock& clock,
                         crypto::RandomSource& random, crypto::HashGate* hash_gate)
    : config_(std::move(config)),
      keys_(services::derive_server_keys(config_.server_key)),
      clock_(clock),
      random_(random),
      log_(server::parse_log_level(config_.log_level)),
      secret_box_(sealing_keys(config_, keys_), config_.sealing_key_current, random_),
      repositories_(db::open_mysql_repositories(config_.database_url, secret_box_)),
      hasher_(config_.argon2, keys_.password_pepper, random_, hash_gate),
      password_policy_(config_.password_min_length, config_.password_max_length,
                       config_.password_blocklist_files, config_.app_name),
      auth_(repositories_->users(), hasher_, clock_),
      sessions_(repositories_->sessions(), clock_, random_, keys_.session_token,
                services::SessionPolicy{
                    .absolute_lifetime_seconds = config_.session_absolute_lifetime,
                    .idle_timeout_seconds = config_.session_idle_timeout,
                    .touch_interval_seconds = config_.session_touch_interval,
                }),
      user_service_(repositories_->users(), hasher_, random_, clock_, password_policy_),
      profiles_(repositories_->users(), secret_box_, clock_),
      accounts_(repositories_->users(), repositories_->sessions(), repositories_->two_factor(),
                hasher_, clock_, password_policy_),
      activity_(repositories_->activity(), clock_),
      ssh_keys_(repositories_->ssh_keys(), random_, clock_),
      api_keys_(repositories_->api_keys(), activity_, random_, clock_, keys_.api_key,
                config_.session_touch_interval,
                services::ApiKeyLimits{
                    .ip_blocked_record_seconds = config_.activity_ip_blocked_interval,
                },
                &repositories_->throttle()),
      login_throttle_(repositories_->throttle(), clock_,
                      services::LoginLimits{
                          .ip_account_max = config_.login_ip_account_max,
                          .ip_account_window = config_.login_ip_account_window,
                          .account_max = config_.login_account_max,
                          .account_window = config_.login_account_window,
                          .ip_max = config_.login_ip_max,
                          .ip_window = config_.login_ip_window,
                          .known_address_seconds = config_.login_known_address_days * 86400,
                          .ipv6_prefix = config_.throttle_ipv6_prefix,
                      }),
      two_factor_(repositories_->two_factor(), repositories_->sessions(), hasher_, secret_box_,
                  random_, clock_, keys_.two_factor,
                  services::TwoFactorSettings{
                      .totp = crypto::TotpParams{.digits = 6,
                                                 .period_seconds = 30,
                                                 .window_steps = config_.totp_window},
                      .issuer = config_.effective_totp_issuer(),
                      .setup_seconds = config_.totp_setup_seconds,
                      .fresh_sign_in_seconds = config_.fresh_sign_in_seconds,
                      .pending_login_seconds = 300,
                      .recovery_code_count = 10,
                      .recovery_code_length = 10,
                      .checkpoint_max_failures = config_.checkpoint_max_failures,
                  }),
      sign_in_(auth_, login_throttle_, two_factor_, sessions_, activity_, repositories_->users(),
               log_,
               services::FailurePadding{
                   .pacer = &pacer_,
                   .floor = std::chrono::milliseconds(config_.login_failure_min_ms),
               }),
      password_confirmation_(login_throttle_, log_),
      housekeeping_(repositories_->housekeeping(), clock_,
                    services::HousekeepingSettings{
                        .activity_retention_days = config_.activity_retention_days,
                        .interval = std::chrono::seconds(config_.housekeeping_interval),
                        .batch = 1000,
                        .max_batches = static_cast<std::size_t>(config_.housekeeping_max_batches),
                    }) {}

}  // namespace accountd::app
