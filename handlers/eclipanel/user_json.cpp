#include "handlers/eclipanel/user_json.hpp"

#include <array>
#include <utility>

namespace accountd::handlers::eclipanel {
namespace {

namespace field = services::profile_field;

// The profile fields both shapes carry, wire name -> stored field, in §5.2's order.
constexpr std::array<std::pair<const char*, const char*>, 3> kNameFields = {{
    {"middleName", field::middle_name},
    {"title", field::title},
    {"gender", field::gender},
}};
constexpr std::array<std::pair<const char*, const char*>, 8> kAddressFields = {{
    {"address2", field::address2},
    {"phone", field::phone},
    {"billingCompany", field::billing_company},
    {"billingCity", field::billing_city},
    {"billingState", field::billing_state},
    {"billingZip", field::billing_zip},
    {"billingCountry", field::billing_country},
    {"dateOfBirth", field::date_of_birth},
}};

std::optional<std::string> value_of(const services::ProfileFields& fields, const char* name) {
    const auto it = fields.find(name);
    if (it == fields.end()) return std::nullopt;
    return it->second;
}

nlohmann::ordered_json text_or_null(const std::optional<std::string>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json avatar_json(const services::User& user, const config::Config& config) {
    if (!user.avatar) return nullptr;
    return avatar_public_url(config, *user.avatar);
}

}  // namespace

std::string avatar_public_url(const config::Config& config, const std::string& path) {
    std::string url =
        config.avatar_public_url.empty() ? config.public_url : config.avatar_public_url;
    url += '/';
    url += path;
    return url;
}

nlohmann::ordered_json stored_settings(const services::ProfileFields& fields) {
    const auto text = value_of(fields, field::settings);
    if (!text) return nullptr;
    auto parsed = nlohmann::ordered_json::parse(*text, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) return nullptr;
    return parsed;
}

nlohmann::ordered_json user_schema_json(const UserView& view, const config::Config& config) {
    const auto& user = view.user;
    const auto& fields = view.fields;
    nlohmann::ordered_json out = {
        {"id", user.id}, {"email", user.email}, {"firstName", user.name_first}};
    const auto put = [&](const char* wire, const std::optional<std::string>& value) {
        if (value) out[wire] = *value;
    };
    put("middleName", value_of(fields, field::middle_name));
    out["lastName"] = user.name_last;
    put("title", value_of(fields, field::title));
    put("gender", value_of(fields, field::gender));
    put("displayName", value_of(fields, field::display_name));
    // Required by EcliPanel's schema: an account made elsewhere has none, so "".
    out["address"] = value_of(fields, field::address).value_or("");
    for (const auto& [wire, name] : kAddressFields) {
        if (std::string_view(wire) != "dateOfBirth") put(wire, value_of(fields, name));
    }
    out["fraudFlag"] = false;
    if (user.role) out["role"] = *user.role;
    out["orgRole"] = "member";
    out["portalType"] = user.portal_type;
    if (auto settings = stored_settings(fields); !settings.is_null()) out["settings"] = settings;
    const auto birth = value_of(fields, field::date_of_birth);
    put("dateOfBirth", birth);
    out["ageVerificationRequired"] = !birth.has_value();
    out["emailVerified"] = user.email_verified;
    out["studentVerified"] = false;
    out["idVerified"] = false;
    out["twoFactorEnabled"] = user.totp_enabled;
    out["suspended"] = user.suspended;
    out["inactive"] = false;
    out["deletionRequested"] = false;
    out["deletionApproved"] = false;
    if (user.avatar) out["avatarUrl"] = avatar_json(user, config);
    return out;
}

nlohmann::ordered_json session_user_json(const UserView& view, const config::Config& config,
                                         const std::optional<std::string>& session_id,
                                         const nlohmann::ordered_json& permissions) {
    const auto& user = view.user;
    const auto& fields = view.fields;
    nlohmann::ordered_json out = {
        {"id", user.id},
        {"email", user.email},
        {"firstName", user.name_first},
        {"lastName", user.name_last},
    };
    for (const auto& [wire, name] : kNameFields)
        out[wire] = text_or_null(value_of(fields, name));
    out["displayName"] = text_or_null(value_of(fields, field::display_name));
    out["address"] = text_or_null(value_of(fields, field::address));
    for (const auto& [wire, name] : kAddressFields) {
        if (std::string_view(wire) != "dateOfBirth")
            out[wire] = text_or_null(value_of(fields, name));
    }
    out["countryOverride"] = nullptr;
    out["tier"] = user.portal_type;
    out["role"] = text_or_null(user.role);
    if (session_id) out["sessionId"] = *session_id;
    out["emailVerified"] = user.email_verified;
    out["passkeyCount"] = 0;
    out["studentVerified"] = false;
    out["studentVerifiedAt"] = nullptr;
    out["termsConsentVersion"] = text_or_null(value_of(fields, field::terms_consent_version));
    out["twoFactorEnabled"] = user.totp_enabled;
    out["avatarUrl"] = avatar_json(user, config);
    out["supportBanned"] = false;
    out["supportBanReason"] = nullptr;
    out["dateOfBirth"] = text_or_null(value_of(fields, field::date_of_birth));
    out["parentId"] = nullptr;
    out["org"] = nullptr;
    out["orgs"] = nlohmann::ordered_json::array();
    out["orgRole"] = "member";
    out["limits"] = nullptr;
    out["nodeId"] = nullptr;
    out["settings"] = stored_settings(fields);
    out["permissions"] = permissions;
    out["usesLegacyPasswordHash"] =
        user.password_hash.has_value() && user.password_hash->starts_with("$2");
    out["geoBlockLevel"] = 0;
    out["idVerificationAllowed"] = true;
    out["kycRequired"] = false;
    out["kycVerified"] = false;
    out["guideShown"] = value_of(fields, field::guide_shown).value_or("0") == "1";
    out["serverSunsetNoticeSentAt"] = nullptr;
    return out;
}

}  // namespace accountd::handlers::eclipanel
