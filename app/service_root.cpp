#include "app/service_root.hpp"

namespace accountd::app {

ServiceRoot::ServiceRoot(config::Config config, const services::Clock& clock,
                         crypto::RandomSource& random)
    : config_(std::move(config)),
      keys_(services::derive_server_keys(config_.server_key)),
      clock_(clock),
      random_(random),
      log_(server::parse_log_level(config_.log_level)),
      database_(config_.database_url),
      users_(database_),
      session_repository_(database_),
      activity_repository_(database_),
      ssh_key_repository_(database_),
      api_key_repository_(database_),
      throttle_repository_(database_),
      two_factor_repository_(database_),
      housekeeping_repository_(database_),
      hasher_(config_.argon2, keys_.password_pepper, random_),
      password_policy_(config_.password_min_length, config_.password_max_length,
                       config_.password_blocklist_files),
      secret_box_(keys_.totp_encryption, random_),
      auth_(users_, hasher_, clock_),
      sessions_(
          session_repository_, clock_, random_, keys_.session_token,
          services::SessionPolicy{config_.session_absolute_lifetime, config_.session_idle_timeout,
                                  config_.session_touch_interval}),
      user_service_(users_, hasher_, random_, clock_, password_policy_),
      accounts_(users_, session_repository_, hasher_, clock_, password_policy_),
      activity_(activity_repository_, clock_),
      ssh_keys_(ssh_key_repository_, random_, clock_),
      api_keys_(api_key_repository_, random_, clock_, keys_.api_key,
                config_.session_touch_interval),
      login_throttle_(
          throttle_repository_, clock_,
          services::LoginLimits{config_.login_ip_account_max, config_.login_ip_account_window,
                                config_.login_account_max, config_.login_account_window,
                                config_.login_ip_max, config_.login_ip_window,
                                config_.login_known_address_days * 86400}),
      two_factor_(two_factor_repository_, session_repository_, hasher_, secret_box_, random_,
                  clock_, keys_.two_factor,
                  services::TwoFactorSettings{crypto::TotpParams{6, 30, config_.totp_window},
                                              config_.totp_issuer, 300, 10, 10,
                                              config_.checkpoint_max_failures}),
      housekeeping_(
          housekeeping_repository_, clock_,
          services::HousekeepingSettings{config_.activity_retention_days,
                                         std::chrono::seconds(config_.housekeeping_interval)}) {}

}  // namespace accountd::app
