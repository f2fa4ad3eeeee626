#include "services/profile_service.hpp"

#include <array>

namespace accountd::services {
namespace {

// What is not personal: the rest is sealed, whatever its name.
constexpr std::array<std::string_view, 6> kPlainFields = {
    profile_field::settings, profile_field::guide_shown,     profile_field::terms_consent_version,
    profile_field::consent,  profile_field::consent_version, profile_field::consent_at,
};

}  // namespace

bool ProfileService::is_sealed(std::string_view field) {
    for (const auto plain : kPlainFields) {
        if (plain == field) return false;
    }
    return true;
}

std::string ProfileService::associated_data(std::uint64_t user_id, std::string_view field) {
    std::string ad = "users.profile:";
    ad += std::to_string(user_id);
    ad += ':';
    ad += field;
    return ad;
}

ProfileFields ProfileService::read(std::uint64_t user_id) const {
    ProfileFields fields;
    for (auto& [field, stored] : users_.profile_fields(user_id)) {
        if (!is_sealed(field)) {
            fields.emplace(field, std::move(stored));
        } else if (auto opened = box_.open(stored, associated_data(user_id, field))) {
            fields.emplace(field, std::move(*opened));
        }
    }
    return fields;
}

void ProfileService::write(std::uint64_t user_id, const ProfileUpdate& update) {
    if (update.empty()) return;
    ProfileUpdate stored;
    for (const auto& [field, value] : update) {
        if (value && is_sealed(field)) {
            stored.emplace(field, box_.seal(*value, associated_data(user_id, field)));
        } else {
            stored.emplace(field, value);
        }
    }
    users_.write_profile_fields(user_id, stored, clock_.now());
}

}  // namespace accountd::services
