#include "http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace accountd::testing {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string dechunk(const std::string& raw) {
    std::string out;
    std::size_t pos = 0;
    while (pos < raw.size()) {
        const auto line_end = raw.find("\r\n", pos);
        if (line_end == std::string::npos) break;
        const std::size_t size = std::stoul(raw.substr(pos, line_end - pos), nullptr, 16);
        if (size == 0) break;
        out.append(raw, line_end + 2, size);
        pos = line_end + 2 + size + 2;
    }
    return out;
}

}  // namespace

std::string HttpResult::header(const std::string& name) const {
    for (const auto& [n, v] : headers)
        if (n == name) return v;
    return {};
}

std::vector<std::string> HttpResult::headers_named(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [n, v] : headers)
        if (n == name) out.push_back(v);
    return out;
}

nlohmann::json HttpResult::json() const {
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json() : parsed;
}

std::string HttpResult::set_cookie(const std::string& name) const {
    for (const auto& line : headers_named("set-cookie")) {
        if (line.starts_with(name + "=")) return line;
    }
    return {};
}

HttpResult http_request(const std::string& base_url, const std::string& method,
                        const std::string& path, const std::string& body, const Headers& headers) {
    // base_url: http://127.0.0.1:PORT
    const auto host_start = base_url.find("://") + 3;
    const auto colon = base_url.rfind(':');
    const std::string host = base_url.substr(host_start, colon - host_start);
    const int port = std::stoi(base_url.substr(colon + 1));

    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
    timeval timeout{30, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot connect to " + base_url);
    }
    // A Host among `headers` replaces the one the URL gives (a test of a forged Host).
    bool has_host = false;
    for (const auto& header : headers)
        has_host = has_host || lower(header.first) == "host";
    std::string request = method + " " + path + " HTTP/1.1\r\n";
    if (!has_host) request += "Host: " + host + ":" + std::to_string(port) + "\r\n";
    request += "Connection: close\r\n";
    bool has_length = false;
    for (const auto& [n, v] : headers) {
        request += n + ": " + v + "\r\n";
        if (lower(n) == "content-length") has_length = true;
    }
    if (!has_length && (!body.empty() || method == "POST" || method == "PUT")) {
        request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    request += "\r\n" + body;
    std::size_t sent = 0;
    while (sent < request.size()) {
        const auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;  // the server may answer (413) before reading everything
        sent += static_cast<std::size_t>(n);
    }
    std::string raw;
    char buffer[65536];
    while (true) {
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        raw.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);

    HttpResult result;
    const auto head_end = raw.find("\r\n\r\n");
    if (head_end == std::string::npos)
        throw std::runtime_error("no HTTP response from " + base_url + path);
    const std::string head = raw.substr(0, head_end);
    result.status = std::stoi(head.substr(head.find(' ') + 1, 3));
    std::size_t pos = head.find("\r\n");
    while (pos != std::string::npos && pos < head.size()) {
        const auto next = head.find("\r\n", pos + 2);
        const std::string line =
            head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
        const auto sep = line.find(':');
        if (sep != std::string::npos) {
            std::string value = line.substr(sep + 1);
            value.erase(0, value.find_first_not_of(' '));
            result.headers.emplace_back(lower(line.substr(0, sep)), value);
        }
        pos = next;
    }
    result.body = raw.substr(head_end + 4);
    if (lower(result.header("transfer-encoding")) == "chunked") result.body = dechunk(result.body);
    return result;
}

HttpResult Client::request(const std::string& method, const std::string& path,
                           const std::string& body, Headers headers) {
    if (!jar_.empty()) {
        std::string cookie;
        for (const auto& [n, v] : jar_)
            cookie += (cookie.empty() ? "" : "; ") + n + "=" + v;
        headers.emplace_back("Cookie", cookie);
    }
    auto result = http_request(base_, method, path, body, headers);
    for (const auto& line : result.headers_named("set-cookie")) {
        const auto eq = line.find('=');
        const auto semi = line.find(';');
        const std::string name = line.substr(0, eq);
        const std::string value =
            line.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
        if (line.find("Max-Age=0") != std::string::npos || value.empty())
            jar_.erase(name);
        else
            jar_[name] = value;
    }
    return result;
}

HttpResult Client::post_json(const std::string& path, const nlohmann::json& body, Headers headers) {
    headers.emplace_back("Content-Type", "application/json");
    return request("POST", path, body.dump(), std::move(headers));
}

std::optional<std::string> Client::cookie(const std::string& name) const {
    const auto it = jar_.find(name);
    if (it == jar_.end()) return std::nullopt;
    return it->second;
}

}  // namespace accountd::testing
