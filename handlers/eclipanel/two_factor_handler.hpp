#pragma once
// EcliPanel's two-factor routes (reference §4.2-§4.3): completing a sign-in
// (POST /api/auth/2fa/verify-login, and /2fa/send-email, refused until e-mail exists), and
// managing the factor from a session (GET /api/auth/2fa/setup, POST /api/auth/2fa/verify,
// POST /api/auth/2fa/disable). The frontend sends no password to enable or disable: a TOTP
// code of the pending or enabled secret proves the factor (TwoFactorService::enable_with_code,
// disable_with_code), counted like a password guess.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::eclipanel {

inline constexpr const char* kVerifyLoginPath = "/api/auth/2fa/verify-login";
inline constexpr const char* kSendEmailPath = "/api/auth/2fa/send-email";
inline constexpr const char* kSetupPath = "/api/auth/2fa/setup";
inline constexpr const char* kEnablePath = "/api/auth/2fa/verify";
inline constexpr const char* kDisablePath = "/api/auth/2fa/disable";

void register_two_factor_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::eclipanel
