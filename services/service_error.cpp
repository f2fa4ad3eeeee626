#include "services/service_error.hpp"

namespace accountd::services {

std::string_view rule_id(Rule rule) {
    switch (rule) {
        case Rule::required:
            return "required";
        case Rule::string:
            return "string";
        case Rule::integer:
            return "integer";
        case Rule::array:
            return "array";
        case Rule::email:
            return "email";
        case Rule::min:
            return "min";
        case Rule::max:
            return "max";
        case Rule::max_items:
            return "max_items";
        case Rule::min_value:
            return "min_value";
        case Rule::max_value:
            return "max_value";
        case Rule::between:
            return "between";
        case Rule::size:
            return "size";
        case Rule::length:
            return "length";
        case Rule::confirmed:
            return "confirmed";
        case Rule::unique:
            return "unique";
        case Rule::guessable:
            return "guessable";
        case Rule::ip_range:
            return "ip_range";
        case Rule::narrower:
            return "narrower";
        case Rule::ssh_not_valid:
            return "ssh_not_valid";
        case Rule::ssh_dsa:
            return "ssh_dsa";
        case Rule::ssh_rsa_too_short:
            return "ssh_rsa_too_short";
        case Rule::ssh_duplicate:
            return "ssh_duplicate";
        case Rule::ssh_too_many:
            return "ssh_too_many";
    }
    return "unknown";
}

std::string_view failure_id(TwoFactorFailure failure) {
    switch (failure) {
        case TwoFactorFailure::already_enabled:
            return "already_enabled";
        case TwoFactorFailure::not_set_up:
            return "not_set_up";
        case TwoFactorFailure::invalid_code:
            return "invalid_code";
        case TwoFactorFailure::checkpoint_code:
            return "checkpoint_code";
        case TwoFactorFailure::checkpoint_expired:
            return "checkpoint_expired";
        case TwoFactorFailure::checkpoint_recovery:
            return "checkpoint_recovery";
        case TwoFactorFailure::checkpoint_replayed:
            return "checkpoint_replayed";
        case TwoFactorFailure::password_in_query:
            return "password_in_query";
        case TwoFactorFailure::setup_expired:
            return "setup_expired";
        case TwoFactorFailure::fresh_sign_in_needed:
            return "fresh_sign_in_needed";
    }
    return "unknown";
}

ServiceError::ServiceError(Kind kind, const std::string& what)
    : std::runtime_error(what), kind_(kind) {}

ServiceError ServiceError::invalid(std::string field, Rule rule, std::string argument) {
    return invalid({FieldViolation{std::move(field), rule, std::move(argument)}});
}

ServiceError ServiceError::invalid(std::vector<FieldViolation> violations) {
    // The field name only: values (a mistyped password) never reach the log line.
    ServiceError error(Kind::invalid_fields, "invalid field " + violations.front().field + " (" +
                                                 std::string(rule_id(violations.front().rule)) +
                                                 ")");
    error.violations_ = std::move(violations);
    return error;
}

ServiceError ServiceError::invalid_credentials() {
    return ServiceError(Kind::invalid_credentials, "sign-in refused");
}

ServiceError ServiceError::wrong_password(PasswordPurpose purpose) {
    ServiceError error(Kind::wrong_password, "wrong current password");
    error.purpose_ = purpose;
    return error;
}

ServiceError ServiceError::limit_reached() {
    return ServiceError(Kind::limit_reached, "limit reached");
}

ServiceError ServiceError::two_factor(TwoFactorFailure failure) {
    ServiceError error(Kind::two_factor, "two-factor refused: " + std::string(failure_id(failure)));
    error.two_factor_ = failure;
    return error;
}

ServiceError ServiceError::throttled(int retry_after_seconds) {
    ServiceError error(Kind::throttled, "throttled");
    error.retry_after_ = retry_after_seconds;
    return error;
}

ServiceError ServiceError::not_permitted(const std::string& why) {
    return ServiceError(Kind::not_permitted, "not permitted: " + why);
}

ServiceError ServiceError::busy(int retry_after_seconds) {
    ServiceError error(Kind::busy, "busy");
    error.retry_after_ = retry_after_seconds;
    return error;
}

}  // namespace accountd::services
