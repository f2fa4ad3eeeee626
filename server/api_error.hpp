#pragma once
// Typed API errors with stable ids: what the request itself got wrong (its body, route or
// credentials) and, translated by the dispatcher, what a service refused (services::ServiceError).
// Each dialect adapter maps the id to its status code and envelope (one table per dialect, a
// switch without `default:`). The internal reason is for logs only and never reaches a response.

#include <stdexcept>
#include <string>
#include <vector>

#include "services/service_error.hpp"
namespace accountd::server {

/// The subject of a session_invalid raised for an API key (unknown, wrong or expired).
inline constexpr const char* kApiKeySubject = "api_key";

enum class ErrorCode {
    malformed_json,          ///< body is not valid JSON (or not an object)
    unsupported_media_type,  ///< route takes JSON, Content-Type says otherwise
    missing_content_type,
    invalid_field,  ///< fields have the wrong type or break a rule (see violations)
    payload_too_large,
    length_required,
    route_not_found,
    method_not_allowed,
    credentials_missing,    ///< no session cookie, no Authorization header
    credentials_malformed,  ///< a credential is present but not of the dialect's format
    session_invalid,        ///< unknown, expired or revoked session
    token_invalid,          ///< a token of the dialect's form that we never issued (bad signature)
    invalid_credentials,    ///< login: unknown user, wrong password or suspended (same answer)
    wrong_password,         ///< an account change whose current-password confirmation failed
    conflict,               ///< the value is taken (e.g. another account's e-mail)
    application_key,        ///< an application (ptla_) key on the client API
    ip_not_allowed,         ///< the API key's allow-list excludes the client; subject = the IP
    limit_reached,          ///< too many of something (API keys)
    too_many_attempts,      ///< a throttle refused the request; see retry_after
    rate_limited,           ///< the caller's request budget is spent; see retry_after
    two_factor_failed,      ///< see two_factor
    invalid_query,          ///< an unknown filter or sort; subject = the names, see query_part
    csrf_mismatch,
    two_factor_required,
    account_suspended,
    session_auth_required,  ///< the route needs a browser session, not an API key
    forbidden,
    not_found,
    service_unavailable,
    /// A dialect handler's own refusal, worded as its panel words it: `status` and `subject`
    /// are the answer (Calagopus names each resource in its messages). Only the dialect whose
    /// handler threw it renders it; the others fall back to a plain status and message.
    refused,
    internal,
};

class ApiError : public std::runtime_error {
  public:
    explicit ApiError(ErrorCode code, const std::string& internal_reason = {})
        : std::runtime_error(internal_reason.empty() ? "api error" : internal_reason),
          code_(code) {}

    ErrorCode code() const { return code_; }

    /// invalid_field: every field that broke a rule, in the order they are reported.
    std::vector<services::FieldViolation> violations;
    /// two_factor_failed: why.
    services::TwoFactorFailure two_factor = services::TwoFactorFailure::checkpoint_expired;
    /// wrong_password: what the password was asked for.
    services::PasswordPurpose password_purpose = services::PasswordPurpose::account_change;
    /// ip_not_allowed: the client address; invalid_query: the refused names.
    std::string subject;
    enum class QueryPart { filter, sort };
    /// invalid_query: which part of the query named them.
    QueryPart query_part = QueryPart::filter;
    /// method_not_allowed: the methods the path supports.
    std::vector<std::string> allowed_methods;
    /// too_many_attempts, rate_limited and service_unavailable: seconds until trying again is
    /// allowed (Retry-After); 0 for none.
    int retry_after = 0;
    /// refused: the HTTP status.
    int status = 400;

  private:
    ErrorCode code_;
};

/// Short stable name of an error id, for logs.
std::string_view error_code_name(ErrorCode code);

/// The dialect-neutral answer to a service's refusal (DialectAdapter::translate's default).
ApiError api_error_of(const services::ServiceError& error);

}  // namespace accountd::server
