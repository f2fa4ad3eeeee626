#pragma once
// EcliPanel's rules for profile values (reference eclipanel.md §5.1, §5.4, §5.7, §8.2), with its
// wording: password complexity, the e-mail shape, dates of birth and the minimum age by country,
// and the longest value of each profile field. Pure functions, no storage.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accountd::handlers::eclipanel {

/// Every complexity rule of §8.2 that `password` breaks, as EcliPanel words it, in its order
/// (lengths counted in characters). Empty when it passes.
std::vector<std::string> password_complexity_problems(std::string_view password);

/// `^[^\s@]+@[^\s@]+\.[^\s@]+$`, EcliPanel's handler check of an e-mail address.
bool is_email_shaped(std::string_view email);

/// A date of birth as EcliPanel takes it: `YYYY-MM-DD`, optionally followed by a `T...` time
/// (which is ignored); a real calendar day. nullopt otherwise.
std::optional<std::chrono::year_month_day> parse_date_of_birth(std::string_view text);

/// `YYYY-MM-DD`.
std::string format_date(std::chrono::year_month_day date);

/// Whole years from `birth` to `today` (§5.4: one less before the birthday).
int age_on(std::chrono::year_month_day birth, std::chrono::year_month_day today);

/// The least age an account may have for `country` (a name like "Austria" or an ISO-2 code,
/// any case): 14 in the EU and the UK, 13 elsewhere (EcliPanel's defaults).
int minimum_age(std::string_view country);

/// The oldest age EcliPanel accepts at registration.
inline constexpr int kMaximumAge = 122;

/// The longest value (in characters) of an EcliPanel profile field (camelCase wire name), or 0
/// for a field without a limit.
std::size_t max_length(std::string_view field);

}  // namespace accountd::handlers::eclipanel
