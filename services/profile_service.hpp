#pragma once
// Profile fields beyond the shared name and e-mail (EcliPanel's title, address, phone, billing
// fields, date of birth, settings, consent), kept per user and field. The personal ones are
// sealed with the server's sealing key (AES-256-GCM, crypto::SecretBox, the key ring the TOTP
// secrets use) before they reach the repository, with associated data naming the user and the
// field, so a box copied to another row or field does not open. The rest (settings, flags,
// consent versions) are stored as given. Dialect-neutral: a dialect decides what the fields
// mean on its wire.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/secret_box.hpp"
#include "services/clock.hpp"
#include "services/user_repository.hpp"

namespace accountd::services {

/// Field names (the repository's keys).
namespace profile_field {
inline constexpr const char* middle_name = "middle_name";
inline constexpr const char* display_name = "display_name";
inline constexpr const char* title = "title";
inline constexpr const char* gender = "gender";
inline constexpr const char* address = "address";
inline constexpr const char* address2 = "address2";
inline constexpr const char* phone = "phone";
inline constexpr const char* billing_company = "billing_company";
inline constexpr const char* billing_city = "billing_city";
inline constexpr const char* billing_state = "billing_state";
inline constexpr const char* billing_zip = "billing_zip";
inline constexpr const char* billing_country = "billing_country";
inline constexpr const char* date_of_birth = "date_of_birth";  ///< YYYY-MM-DD
inline constexpr const char* settings = "settings";            ///< a JSON object's text
inline constexpr const char* guide_shown = "guide_shown";      ///< "1" or "0"
inline constexpr const char* terms_consent_version = "terms_consent_version";
inline constexpr const char* consent = "consent";  ///< "essential" or "all"
inline constexpr const char* consent_version = "consent_version";
inline constexpr const char* consent_at = "consent_at";  ///< seconds since the epoch
}  // namespace profile_field

/// field -> value; an absent field has no value.
using ProfileFields = std::map<std::string, std::string>;
/// field -> new value, or nullopt to clear it.
using ProfileUpdate = std::map<std::string, std::optional<std::string>>;

class ProfileService {
  public:
    ProfileService(UserRepository& users, const crypto::SecretBox& box, const Clock& clock)
        : users_(users), box_(box), clock_(clock) {}

    /// Whether `field` holds personal data and is stored sealed (every name, address, phone,
    /// billing and birth-date field; unknown names too, so a new field is sealed by default).
    static bool is_sealed(std::string_view field);

    /// The user's fields, opened. A box that does not open (altered, copied from another row,
    /// or sealed with a key no longer configured) reads as absent rather than as ciphertext.
    ProfileFields read(std::uint64_t user_id) const;

    /// Seals the personal values and stores the update in one write.
    void write(std::uint64_t user_id, const ProfileUpdate& update);

    /// The associated data a field's box is bound to.
    static std::string associated_data(std::uint64_t user_id, std::string_view field);

  private:
    UserRepository& users_;
    const crypto::SecretBox& box_;
    const Clock& clock_;
};

}  // namespace accountd::services
