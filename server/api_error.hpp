#pragma once
// Typed API errors with stable ids. Handlers and the dispatcher throw ApiError (services throw
// their own exceptions, which handlers translate); each dialect adapter maps the id to its
// status code and envelope (one table per dialect). The internal reason is for logs only and
// never reaches a response.

#include <stdexcept>
#include <string>
#include <vector>

namespace accountd::server {

enum class ErrorCode {
    malformed_json,          ///< body is not valid JSON (or not an object)
    unsupported_media_type,  ///< route takes JSON, Content-Type says otherwise
    missing_content_type,
    invalid_field,  ///< a field has the wrong type or fails a rule (see field/rule)
    missing_field,
    payload_too_large,
    length_required,
    route_not_found,
    method_not_allowed,
    credentials_missing,    ///< no session cookie, no Authorization header
    credentials_malformed,  ///< a credential is present but not of the dialect's format
    session_invalid,        ///< unknown, expired or revoked session
    invalid_credentials,    ///< login: unknown user, wrong password or suspended (same answer)
    wrong_password,         ///< an account change whose current-password confirmation failed
    conflict,               ///< the value is taken (e.g. another account's e-mail)
    application_key,        ///< an application (ptla_) key on the client API
    ip_not_allowed,         ///< the API key's allow-list excludes the client; field = the IP
    limit_reached,          ///< too many of something (API keys)
    too_many_attempts,      ///< a throttle refused the request; see retry_after
    rate_limited,           ///< the caller's request budget is spent; see retry_after
    two_factor_failed,      ///< rule = already_enabled|wrong_password|not_set_up|invalid_code|
                        ///< checkpoint_expired|checkpoint_code|checkpoint_recovery|query_password
    invalid_query,  ///< an unknown filter or sort; field = the names, rule = filter|sort
    csrf_mismatch,
    two_factor_required,
    account_suspended,
    session_auth_required,  ///< the route needs a browser session, not an API key
    forbidden,
    not_found,
    service_unavailable,
    internal,
};

class ApiError : public std::runtime_error {
  public:
    explicit ApiError(ErrorCode code, std::string internal_reason = {})
        : std::runtime_error(internal_reason.empty() ? "api error" : internal_reason),
          code_(code) {}

    ErrorCode code() const { return code_; }

    /// For field errors: the dotted field path ("user", "allowed_ips.2"), the rule
    /// ("string", "required", "email", "max") and a rule argument ("128").
    std::string field;
    std::string rule;
    std::string rule_argument;
    /// For method_not_allowed: the methods the path supports.
    std::vector<std::string> allowed_methods;

    /// Several field errors reported together (each as field, rule, argument).
    struct FieldIssue {
        std::string field, rule, argument;
    };
    std::vector<FieldIssue> more_fields;
    /// For too_many_attempts: seconds until trying again is allowed (sent as Retry-After).
    int retry_after = 0;

    static ApiError field_error(ErrorCode code, std::string field, std::string rule,
                                std::string argument = {}) {
        ApiError e(code, "field " + field + " failed " + rule);
        e.field = std::move(field);
        e.rule = std::move(rule);
        e.rule_argument = std::move(argument);
        return e;
    }

  private:
    ErrorCode code_;
};

/// Short stable name of an error id, for logs.
std::string_view error_code_name(ErrorCode code);

}  // namespace accountd::server
