#pragma once
// The composition root for everything below HTTP: config, keys, clock, randomness, database,
// repositories and services. Built once per process (after fork, in workers); it owns all of
// them and hands each part only what it uses.

#include <memory>

#include "config/config.hpp"
#include "crypto/password_hasher.hpp"
#include "crypto/random.hpp"
#include "crypto/secret_box.hpp"
#include "server/logger.hpp"
#include "services/account_service.hpp"
#include "services/activity_service.hpp"
#include "services/api_key_service.hpp"
#include "services/auth_service.hpp"
#include "services/clock.hpp"
#include "services/housekeeping.hpp"
#include "services/password_confirmation.hpp"
#include "services/password_policy.hpp"
#include "services/profile_service.hpp"
#include "services/repositories.hpp"
#include "services/server_keys.hpp"
#include "services/session_service.hpp"
#include "services/sign_in_service.hpp"
#include "services/ssh_key_service.hpp"
#include "services/throttle.hpp"
#include "services/two_factor_service.hpp"
#include "services/user_service.hpp"

namespace accountd::app {

class ServiceRoot {
  public:
    /// `clock` and `random` are injected (tests pass their own); they must outlive the root, as
    /// must `hash_gate`, the host's ceiling on password hashes (none: no ceiling).
    ServiceRoot(config::Config config, const services::Clock& clock, crypto::RandomSource& random,
                crypto::HashGate* hash_gate = nullptr);
    ServiceRoot(const ServiceRoot&) = delete;
    ServiceRoot& operator=(const ServiceRoot&) = delete;

    const config::Config& config() const { return config_; }
    const services::ServerKeys& keys() const { return keys_; }
    const services::Clock& clock() const { return clock_; }
    crypto::RandomSource& random() { return random_; }
    const server::Logger& log() const { return log_; }
    services::Readiness& readiness() { return repositories_->readiness(); }
    services::UserRepository& users() { return repositories_->users(); }
    services::SessionRepository& session_repository() { return repositories_->sessions(); }
    const crypto::PasswordHasher& hasher() const { return hasher_; }
    services::AuthService& auth() { return auth_; }
    services::SessionService& sessions() { return sessions_; }
    services::UserService& user_service() { return user_service_; }
    services::ProfileService& profiles() { return profiles_; }
    services::AccountService& accounts() { return accounts_; }
    services::ActivityService& activity() { return activity_; }
    services::SshKeyService& ssh_keys() { return ssh_keys_; }
    services::ApiKeyService& api_keys() { return api_keys_; }
    services::LoginThrottle& login_throttle() { return login_throttle_; }
    services::TwoFactorService& two_factor() { return two_factor_; }
    services::SignInService& sign_in() { return sign_in_; }
    services::PasswordConfirmation& password_confirmation() { return password_confirmation_; }
    services::Housekeeping& housekeeping() { return housekeeping_; }

  private:
    config::Config config_;
    services::ServerKeys keys_;
    const services::Clock& clock_;
    crypto::RandomSource& random_;
    server::Logger log_;
    services::SteadyPacer pacer_;
    /// Seals TOTP secrets and the users' personal fields; before the repositories, which use it.
    crypto::SecretBox secret_box_;
    std::unique_ptr<services::Repositories> repositories_;
    crypto::PasswordHasher hasher_;
    services::PasswordPolicy password_policy_;
    services::AuthService auth_;
    services::SessionService sessions_;
    services::UserService user_service_;
    services::ProfileService profiles_;
    services::AccountService accounts_;
    services::ActivityService activity_;
    services::SshKeyService ssh_keys_;
    services::ApiKeyService api_keys_;
    services::LoginThrottle login_throttle_;
    services::TwoFactorService two_factor_;
    services::SignInService sign_in_;
    services::PasswordConfirmation password_confirmation_;
    services::Housekeeping housekeeping_;
};

}  // namespace accountd::app
