#include "handlers/eclipanel/user_json.hpp"

namespace accountd::handlers::eclipanel {

nlohmann::ordered_json user_schema_json(const services::User& user) {
    nlohmann::ordered_json out = {
        {"id", user.id},
        {"email", user.email},
        {"firstName", user.name_first},
        {"lastName", user.name_last},
        {"address", ""},
        {"fraudFlag", false},
    };
    if (user.role) out["role"] = *user.role;
    out["orgRole"] = "member";
    out["portalType"] = user.portal_type;
    out["ageVerificationRequired"] = true;
    out["emailVerified"] = user.email_verified;
    out["studentVerified"] = false;
    out["idVerified"] = false;
    out["twoFactorEnabled"] = user.totp_enabled;
    out["suspended"] = user.suspended;
    out["inactive"] = false;
    out["deletionRequested"] = false;
    out["deletionApproved"] = false;
    return out;
}

nlohmann::ordered_json session_user_json(const services::User& user,
                                         const std::optional<std::string>& session_id) {
    nlohmann::ordered_json out = {
        {"id", user.id},
        {"email", user.email},
        {"firstName", user.name_first},
        {"lastName", user.name_last},
        {"middleName", nullptr},
        {"displayName", nullptr},
        {"tier", user.portal_type},
        {"role", user.role ? nlohmann::ordered_json(*user.role) : nlohmann::ordered_json()},
    };
    if (session_id) out["sessionId"] = *session_id;
    out["emailVerified"] = user.email_verified;
    out["passkeyCount"] = 0;
    out["studentVerified"] = false;
    out["studentVerifiedAt"] = nullptr;
    out["twoFactorEnabled"] = user.totp_enabled;
    out["avatarUrl"] = nullptr;
    out["org"] = nullptr;
    out["orgs"] = nlohmann::ordered_json::array();
    out["orgRole"] = "member";
    out["limits"] = nullptr;
    out["settings"] = nullptr;
    out["permissions"] = nlohmann::ordered_json::array();
    out["usesLegacyPasswordHash"] =
        user.password_hash.has_value() && user.password_hash->starts_with("$2");
    out["kycRequired"] = false;
    out["kycVerified"] = false;
    return out;
}

}  // namespace accountd::handlers::eclipanel
