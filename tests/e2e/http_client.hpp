#pragma once
// A small HTTP/1.1 client for the e2e tests: one connection per request (Connection: close),
// chunked responses decoded, and a cookie jar like a browser's (without domain matching: each
// Client talks to one server block).

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace accountd::testing {

struct HttpResult {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  ///< names lowercased
    std::string body;

    std::string header(const std::string& lowercase_name) const;
    std::vector<std::string> headers_named(const std::string& lowercase_name) const;
    /// The body as JSON (null JSON when it is not JSON).
    nlohmann::json json() const;
    /// The full Set-Cookie line for cookie `name`, empty when not set.
    std::string set_cookie(const std::string& name) const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

/// Sends one request to `base_url` (http://host:port); a Host in `headers` replaces the URL's.
HttpResult http_request(const std::string& base_url, const std::string& method,
                        const std::string& path, const std::string& body = "",
                        const Headers& headers = {});

class Client {
  public:
    explicit Client(std::string base_url) : base_(std::move(base_url)) {}

    /// Sends the jar's cookies and stores the response's Set-Cookie values.
    HttpResult request(const std::string& method, const std::string& path,
                       const std::string& body = "", Headers headers = {});
    HttpResult get(const std::string& path, Headers headers = {}) {
        return request("GET", path, "", std::move(headers));
    }
    /// POST with Content-Type: application/json.
    HttpResult post_json(const std::string& path, const nlohmann::json& body, Headers headers = {});

    std::optional<std::string> cookie(const std::string& name) const;
    void set_cookie(const std::string& name, const std::string& value) { jar_[name] = value; }
    void clear_cookies() { jar_.clear(); }
    const std::string& base_url() const { return base_; }

  private:
    std::string base_;
    std::map<std::string, std::string> jar_;
};

}  // namespace accountd::testing
