#pragma once
// What handler files may use, handed over by the composition root (app/worker_app.cpp).

#include "config/config.hpp"
#include "crypto/random.hpp"
#include "server/logger.hpp"
#include "server/rate_limiter.hpp"
#include "services/account_service.hpp"
#include "services/activity_service.hpp"
#include "services/api_key_service.hpp"
#include "services/auth_service.hpp"
#include "services/clock.hpp"
#include "services/password_confirmation.hpp"
#include "services/profile_service.hpp"
#include "services/server_keys.hpp"
#include "services/session_service.hpp"
#include "services/sign_in_service.hpp"
#include "services/ssh_key_service.hpp"
#include "services/throttle.hpp"
#include "services/two_factor_service.hpp"
#include "services/user_repository.hpp"
#include "services/user_service.hpp"

namespace accountd::handlers {

struct HandlerDeps {
    const config::Config& config;
    const services::ServerKeys& keys;
    const services::Clock& clock;
    crypto::RandomSource& random;
    const server::Logger& log;
    services::AuthService& auth;
    services::SessionService& sessions;
    services::UserRepository& users;
    services::AccountService& accounts;
    services::ActivityService& activity;
    services::SshKeyService& ssh_keys;
    services::ApiKeyService& api_keys;
    services::LoginThrottle& login_throttle;
    services::TwoFactorService& two_factor;
    services::SignInService& sign_in;
    services::PasswordConfirmation& password_confirmation;
    services::UserService& user_service;  ///< creating accounts (registration)
    services::ProfileService& profiles;   ///< profile fields beyond name and e-mail, sealed
    /// Request counters shared by every worker of one master; null in processes without one
    /// (tests, the CLI): handler-level limits then do not apply.
    server::RateLimiter* limiter = nullptr;
};

}  // namespace accountd::handlers
