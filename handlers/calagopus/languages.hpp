#pragma once
// The languages Calagopus' frontend ships (its translations/*.json at the reference commit):
// what GET /api/languages lists and what a profile's `language` may be (reference §5).

#include <algorithm>
#include <array>
#include <string_view>

namespace accountd::handlers::calagopus {

inline constexpr std::array<std::string_view, 18> kLanguages = {"ar", "de", "el", "en", "es", "fr",
                                                                "it", "nl", "no", "pl", "pt", "ro",
                                                                "ru", "sk", "sv", "tr", "vi", "zh"};

inline bool is_language(std::string_view code) {
    return std::find(kLanguages.begin(), kLanguages.end(), code) != kLanguages.end();
}

}  // namespace accountd::handlers::calagopus
