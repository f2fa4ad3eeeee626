#include "server/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace accountd::server {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s) {
    const auto begin = s.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    const auto end = s.find_last_not_of(" \t");
    return s.substr(begin, end - begin + 1);
}

// RFC 2046 bchars, space allowed but not last.
bool is_boundary(std::string_view b) {
    if (b.empty() || b.size() > 70 || b.back() == ' ') return false;
    return std::all_of(b.begin(), b.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
               std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
    });
}

// `; key=value` parameters after the first item of a header value. A quoted value may not hold
// quotes, backslashes or line ends (browsers percent-encode them).
std::vector<std::pair<std::string, std::string>> parameters(std::string_view rest) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!rest.empty()) {
        if (rest.front() != ';') throw InvalidMultipart("junk between parameters");
        rest.remove_prefix(1);
        rest = trim(rest);
        const auto eq = rest.find('=');
        if (eq == std::string_view::npos || eq == 0)
            throw InvalidMultipart("parameter without value");
        const auto key = lower(trim(rest.substr(0, eq)));
        rest = trim(rest.substr(eq + 1));
        std::string value;
        if (!rest.empty() && rest.front() == '"') {
            const auto close = rest.find('"', 1);
            if (close == std::string_view::npos) throw InvalidMultipart("unclosed quote");
            value = std::string(rest.substr(1, close - 1));
            if (value.find_first_of("\\\r\n") != std::string::npos)
                throw InvalidMultipart("escape in a quoted parameter");
            rest = trim(rest.substr(close + 1));
        } else {
            const auto end = std::min(rest.find(';'), rest.size());
            value = std::string(trim(rest.substr(0, end)));
            if (value.empty()) throw InvalidMultipart("empty parameter");
            rest = rest.substr(end);
        }
        for (const auto& [seen, ignored] : out) {
            if (seen == key) throw InvalidMultipart("parameter given twice");
        }
        out.emplace_back(key, value);
    }
    return out;
}

MultipartPart read_headers(std::string_view headers) {
    MultipartPart part;
    bool disposition = false;
    while (!headers.empty()) {
        const auto end = std::min(headers.find("\r\n"), headers.size());
        const auto line = headers.substr(0, end);
        headers.remove_prefix(std::min(end + 2, headers.size()));
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0)
            throw InvalidMultipart("bad header line");
        const auto name = lower(line.substr(0, colon));
        const auto value = trim(line.substr(colon + 1));
        if (name == "content-disposition") {
            if (disposition) throw InvalidMultipart("two dispositions");
            disposition = true;
            const auto semi = std::min(value.find(';'), value.size());
            if (lower(trim(value.substr(0, semi))) != "form-data")
                throw InvalidMultipart("not form-data");
            bool named = false;
            for (auto& [key, v] : parameters(trim(value.substr(semi)))) {
                if (key == "name") {
                    part.name = std::move(v);
                    named = true;
                } else if (key == "filename") {
                    part.filename = std::move(v);
                }
            }
            if (!named || part.name.empty()) throw InvalidMultipart("part without a name");
        } else if (name == "content-type") {
            part.content_type = std::string(value);
        }
    }
    if (!disposition) throw InvalidMultipart("part without a disposition");
    return part;
}

}  // namespace

std::string multipart_boundary(std::string_view content_type) {
    const auto semi = std::min(content_type.find(';'), content_type.size());
    if (lower(trim(content_type.substr(0, semi))) != "multipart/form-data")
        throw InvalidMultipart("not multipart/form-data");
    std::string boundary;
    for (auto& [key, value] : parameters(trim(content_type.substr(semi)))) {
        if (key == "boundary") boundary = std::move(value);
    }
    if (!is_boundary(boundary)) throw InvalidMultipart("bad boundary");
    return boundary;
}

std::vector<MultipartPart> parse_multipart(std::string_view content_type, std::string_view body) {
    const std::string delimiter = "--" + multipart_boundary(content_type);
    std::string next = "\r\n";
    next += delimiter;
    if (!body.starts_with(delimiter)) throw InvalidMultipart("body does not start with a part");
    std::size_t at = delimiter.size();
    std::vector<MultipartPart> parts;
    for (;;) {
        const auto rest = body.substr(at);
        if (rest.starts_with("--")) {
            const auto epilogue = rest.substr(2);
            if (!epilogue.empty() && epilogue != "\r\n")
                throw InvalidMultipart("data after the end");
            return parts;
        }
        if (!rest.starts_with("\r\n")) throw InvalidMultipart("delimiter not followed by CRLF");
        if (parts.size() == kMaxParts) throw InvalidMultipart("too many parts");
        const auto header_start = at + 2;
        const auto header_end = body.find("\r\n\r\n", header_start);
        if (header_end == std::string_view::npos || header_end - header_start > kMaxHeaderBytes)
            throw InvalidMultipart("part headers unterminated or too long");
        auto part = read_headers(body.substr(header_start, header_end - header_start));
        for (const auto& seen : parts) {
            if (seen.name == part.name) throw InvalidMultipart("a name given twice");
        }
        const auto data_start = header_end + 4;
        const auto data_end = body.find(next, data_start);
        if (data_end == std::string_view::npos) throw InvalidMultipart("part not closed");
        part.data = body.substr(data_start, data_end - data_start);
        parts.push_back(std::move(part));
        at = data_end + next.size();
    }
}

}  // namespace accountd::server
