#pragma once
// Unicode normalisation of passwords (NIST SP 800-63B 5.1.1.2: NFKC or NFKD before hashing), so
// that the same characters typed on another keyboard or system ("é" as one code point or as "e"
// plus a combining accent, fullwidth letters) are the same password. ICU does the work.

#include <optional>
#include <string>
#include <string_view>

namespace accountd::crypto {

/// The NFKC form (Unicode Standard Annex #15) of UTF-8 text, as UTF-8; nullopt when `text` is
/// not well-formed UTF-8. Throws std::runtime_error when ICU cannot load its data.
std::optional<std::string> nfkc(std::string_view text);

}  // namespace accountd::crypto
