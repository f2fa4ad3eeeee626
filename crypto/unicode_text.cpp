#include "crypto/unicode_text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

#include <limits>
#include <stdexcept>
#include <vector>

namespace accountd::crypto {

std::optional<std::string> nfkc(std::string_view text) {
    if (text.size() >= static_cast<std::size_t>(std::numeric_limits<int32_t>::max() / 2)) {
        return std::nullopt;
    }
    // UTF-16 never needs more code units than UTF-8 has bytes.
    std::vector<UChar> utf16(text.size() + 1);
    int32_t length = 0;
    UErrorCode status = U_ZERO_ERROR;
    // Unlike UnicodeString::fromUTF8, refuses ill-formed input rather than replacing it.
    u_strFromUTF8(utf16.data(), static_cast<int32_t>(utf16.size()), &length, text.data(),
                  static_cast<int32_t>(text.size()), &status);
    if (U_FAILURE(status)) return std::nullopt;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || normalizer == nullptr) {
        throw std::runtime_error("ICU: no NFKC data");
    }
    const icu::UnicodeString source(utf16.data(), length);
    const icu::UnicodeString normalized = normalizer->normalize(source, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: NFKC normalisation failed");
    std::string out;
    normalized.toUTF8String(out);
    return out;
}

}  // namespace accountd::crypto
