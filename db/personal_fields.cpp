#include "db/personal_fields.hpp"

namespace accountd::db {
namespace {

// SecretBox's format byte (1) and key id, nonce and tag around the ciphertext.
constexpr char kBoxFormat = '\x01';
constexpr std::size_t kBoxOverhead = 1 + 1 + 12 + 16;

std::string associated_data(std::string_view column, std::string_view uuid) {
    std::string aad = "users.";
    aad += column;
    aad += ':';
    aad += uuid;
    return aad;
}

}  // namespace

std::string PersonalFields::seal(std::string_view column, std::string_view uuid,
                                 std::string_view plain) const {
    // An empty name stays empty: it says nothing, and a box of it would say its length anyway.
    if (box_ == nullptr || plain.empty()) return std::string(plain);
    return box_->seal(plain, associated_data(column, uuid));
}

std::string PersonalFields::open(std::string_view column, std::string_view uuid,
                                 const std::string& stored) const {
    if (stored.empty()) return stored;
    const bool looks_sealed = stored.size() >= kBoxOverhead && stored.front() == kBoxFormat;
    if (!looks_sealed) return stored;  // written before names were sealed
    if (box_ == nullptr) return {};
    return box_->open(stored, associated_data(column, uuid)).value_or(std::string());
}

void PersonalFields::open_user(services::User& user) const {
    user.name_first = open("name_first", user.uuid, user.name_first);
    user.name_last = open("name_last", user.uuid, user.name_last);
}

}  // namespace accountd::db
