#include "handlers/eclipanel/two_factor_messages.hpp"

namespace accountd::handlers::eclipanel {

std::pair<int, const char*> two_factor_shape(services::TwoFactorFailure failure) {
    using services::TwoFactorFailure;
    switch (failure) {
        // Forged, expired or already used: a temp token that names no pending sign-in.
        case TwoFactorFailure::checkpoint_expired:
            return {400, "Invalid tempToken"};
        case TwoFactorFailure::checkpoint_recovery:
            return {400, "Invalid backup code"};
        // A replayed code proves no more than a wrong one, and is told apart from it nowhere.
        case TwoFactorFailure::checkpoint_code:
        case TwoFactorFailure::checkpoint_replayed:
        case TwoFactorFailure::invalid_code:
            return {400, "Invalid token"};
        case TwoFactorFailure::already_enabled:
            return {400, "Two-factor authentication is already enabled"};
        case TwoFactorFailure::not_set_up:
            return {400, "Two-factor authentication has not been set up"};
        case TwoFactorFailure::setup_expired:
            return {400, "Two-factor setup expired; start it again"};
        case TwoFactorFailure::fresh_sign_in_needed:
            return {403, "Please sign in again"};
        case TwoFactorFailure::password_in_query:
            return {422, "Request error"};
    }
    return {400, "Invalid token"};
}

}  // namespace accountd::handlers::eclipanel
