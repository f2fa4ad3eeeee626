#include "server/http_request.hpp"

#include <algorithm>
#include <charconv>

#include "crypto/encoding.hpp"
#include "services/text.hpp"

namespace accountd::server {
namespace {

// HTTP's optional whitespace (RFC 9110 section 5.6.3) is spaces and tabs only.
constexpr std::string_view kOptionalWhitespace = " \t";

std::string_view trim_ows(std::string_view s) {
    return services::trim_view(s, kOptionalWhitespace);
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string header_name_from_param(std::string_view param) {
    std::string name = to_lower(param.substr(5));  // after "HTTP_"
    std::replace(name.begin(), name.end(), '_', '-');
    return name;
}

std::string normalize_path(std::string path) {
    if (path.empty()) return "/";
    while (path.size() > 1 && path.back() == '/')
        path.pop_back();
    return path;
}

}  // namespace

std::string_view HttpRequest::header(const std::string& lowercase_name) const {
    const auto it = headers.find(lowercase_name);
    return it == headers.end() ? std::string_view() : std::string_view(it->second);
}

std::optional<std::string> HttpRequest::cookie(const std::string& name) const {
    const auto it = cookies.find(name);
    if (it == cookies.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> HttpRequest::query_param(const std::string& name) const {
    const auto params = parse_query(query);
    const auto it = params.find(name);
    if (it == params.end()) return std::nullopt;
    return it->second;
}

std::string HttpRequest::media_type() const {
    std::string_view type = header("content-type");
    const auto semicolon = type.find(';');
    if (semicolon != std::string_view::npos) type = type.substr(0, semicolon);
    return to_lower(trim_ows(type));
}

std::map<std::string, std::string> parse_query(std::string_view query) {
    std::map<std::string, std::string> out;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        std::string key = crypto::percent_decode(pair.substr(0, eq), true);
        std::string value = eq == std::string_view::npos
                                ? std::string()
                                : crypto::percent_decode(pair.substr(eq + 1), true);
        out.emplace(std::move(key), std::move(value));
    }
    return out;
}

std::map<std::string, std::string> parse_cookie_header(std::string_view header) {
    std::map<std::string, std::string> out;
    while (!header.empty()) {
        const auto semi = header.find(';');
        const auto pair = trim_ows(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos || eq == 0) continue;
        auto value = trim_ows(pair.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        out.emplace(std::string(trim_ows(pair.substr(0, eq))), std::string(value));
    }
    return out;
}

HttpRequest request_from_params(const std::vector<std::pair<std::string, std::string>>& params) {
    HttpRequest request;
    std::string document_uri;
    std::string request_uri;
    for (const auto& [name, value] : params) {
        if (name == "REQUEST_METHOD")
            request.method = value;
        else if (name == "DOCUMENT_URI")
            document_uri = value;
        else if (name == "REQUEST_URI")
            request_uri = value;
        else if (name == "QUERY_STRING")
            request.query = value;
        else if (name == "REMOTE_ADDR")
            request.remote_addr = value;
        else if (name == "REQUEST_SCHEME")
            request.scheme = value;
        else if (name == "SERVER_PORT")
            request.server_port = value;
        else if (name == "ACCOUNTD_DIALECT")
            request.dialect = value;
        else if (name == "CONTENT_TYPE")
            request.headers["content-type"] = value;
        else if (name == "CONTENT_LENGTH") {
            if (value.empty()) continue;
            std::size_t length = 0;
            const auto [ptr, ec] =
                std::from_chars(value.data(), value.data() + value.size(), length);
            if (ec == std::errc{} && ptr == value.data() + value.size()) {
                request.content_length = length;
            } else {
                request.content_length_invalid = true;
            }
        } else if (name.starts_with("HTTP_")) {
            request.headers[header_name_from_param(name)] = value;
        }
    }
    if (document_uri.empty()) {
        // Without nginx's DOCUMENT_URI, fall back to the raw request target.
        const auto q = request_uri.find('?');
        document_uri = crypto::percent_decode(std::string_view(request_uri).substr(0, q), false);
    }
    request.path = normalize_path(std::move(document_uri));
    request.cookies = parse_cookie_header(request.header("cookie"));
    return request;
}

}  // namespace accountd::server
