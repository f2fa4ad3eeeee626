#pragma once
// A response on its way back through FastCGI to nginx.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace accountd::server {

struct Cookie {
    std::string name;
    std::string value;
    long max_age = -1;  ///< seconds; -1 = browser-session cookie, 0 = delete
    bool http_only = true;
    bool secure = true;
    std::string same_site = "Lax";
    std::string path = "/";
    /// Unix seconds: an Expires attribute (and no Max-Age), for clients that expect one.
    std::optional<std::int64_t> expires_at{};
};

struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    static HttpResponse json(int status, const nlohmann::ordered_json& body);
    static HttpResponse no_content();

    void set_header(std::string name, std::string value);
    void set_cookie(const Cookie& cookie);
    /// CGI response text: Status line, headers (with the security headers every answer
    /// carries), blank line, body.
    std::string serialize() const;
};

std::string_view status_reason(int status);

}  // namespace accountd::server
