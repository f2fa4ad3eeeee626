#pragma once
// A strict, bounded reader of multipart/form-data bodies (RFC 7578 over RFC 2046), for the one
// upload that takes them (EcliPanel's avatar). It reads only what browsers send: the boundary
// from the Content-Type, the body starting with the first delimiter (no preamble), CRLF line
// ends, a Content-Disposition of form-data with a quoted name on every part, and nothing after
// the close delimiter but one CRLF. Anything else, more than kMaxParts parts, a part's headers
// longer than kMaxHeaderBytes, or a name given twice, is InvalidMultipart. Parts are views into
// the body, so nothing is copied.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace accountd::server {

class InvalidMultipart : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct MultipartPart {
    std::string name;
    std::string filename;      ///< empty when the part is no file
    std::string content_type;  ///< as declared (never trusted for what the data is)
    std::string_view data;
};

inline constexpr std::size_t kMaxParts = 8;
inline constexpr std::size_t kMaxHeaderBytes = 2048;

/// The boundary of a `multipart/form-data` Content-Type, or InvalidMultipart.
std::string multipart_boundary(std::string_view content_type);

/// The parts of `body`. Throws InvalidMultipart.
std::vector<MultipartPart> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace accountd::server
