#pragma once
// An HTTP request as the FastCGI parameters describe it, independent of libfcgi.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accountd::server {

struct HttpRequest {
    std::string method;  ///< uppercase, e.g. "GET"
    std::string path;    ///< decoded path without query, trailing '/' removed (except "/")
    std::string query;   ///< raw query string
    std::map<std::string, std::string> headers;  ///< lowercase names, e.g. "x-xsrf-token"
    std::map<std::string, std::string> cookies;
    std::string remote_addr;
    std::string scheme = "http";  ///< REQUEST_SCHEME as nginx saw it
    std::string server_port;      ///< SERVER_PORT
    std::string dialect;          ///< the ACCOUNTD_DIALECT parameter, empty when nginx set none
    std::optional<std::size_t> content_length;
    bool content_length_invalid = false;
    std::string body;

    /// Empty when absent.
    std::string_view header(const std::string& lowercase_name) const;
    std::optional<std::string> cookie(const std::string& name) const;
    std::optional<std::string> query_param(const std::string& name) const;
    /// The media type of Content-Type, lowercased and without parameters ("" when absent).
    std::string media_type() const;
};

/// Builds a request (without body) from CGI/FastCGI parameters such as REQUEST_METHOD,
/// DOCUMENT_URI, QUERY_STRING, CONTENT_LENGTH, CONTENT_TYPE, HTTP_*.
HttpRequest request_from_params(const std::vector<std::pair<std::string, std::string>>& params);

/// RFC 6265 Cookie header; later duplicates do not replace the first value.
std::map<std::string, std::string> parse_cookie_header(std::string_view header);

/// application/x-www-form-urlencoded pairs, percent- and '+'-decoded (crypto::percent_decode).
std::map<std::string, std::string> parse_query(std::string_view query);

}  // namespace accountd::server
