#include "server/http_response.hpp"

#include <cstdio>
#include <ctime>

namespace accountd::server {

HttpResponse HttpResponse::json(int status, const nlohmann::ordered_json& body) {
    HttpResponse response;
    response.status = status;
    // Invalid UTF-8 from a client must not turn into an exception while answering it.
    response.body = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    response.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
    return response;
}

HttpResponse HttpResponse::no_content() {
    HttpResponse response;
    response.status = 204;
    return response;
}

void HttpResponse::set_header(std::string name, std::string value) {
    for (auto& [n, v] : headers) {
        if (n == name) {
            v = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

void HttpResponse::set_cookie(const Cookie& cookie) {
    std::string line = cookie.name + "=" + cookie.value;
    if (cookie.expires_at) {
        const std::time_t at = *cookie.expires_at;
        std::tm tm{};
        ::gmtime_r(&at, &tm);
        char date[40];
        // IMF-fixdate, spelled out: strftime's %a and %b follow the locale.
        static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
        static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        std::snprintf(date, sizeof date, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                      tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                      tm.tm_sec);
        line += "; Expires=";
        line += date;
    } else if (cookie.max_age >= 0) {
        line += "; Max-Age=" + std::to_string(cookie.max_age);
        if (cookie.max_age == 0) line += "; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
    }
    line += "; Path=" + cookie.path;
    if (cookie.secure) line += "; Secure";
    if (cookie.http_only) line += "; HttpOnly";
    if (!cookie.same_site.empty()) line += "; SameSite=" + cookie.same_site;
    headers.emplace_back("Set-Cookie", std::move(line));
}

std::string_view status_reason(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 302:
            return "Found";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 417:
            return "Expectation Failed";
        case 411:
            return "Length Required";
        case 413:
            return "Payload Too Large";
        case 415:
            return "Unsupported Media Type";
        case 419:
            return "Page Expired";
        case 422:
            return "Unprocessable Entity";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Unknown";
    }
}

std::string HttpResponse::serialize() const {
    std::string out = "Status: " + std::to_string(status) + " ";
    out.append(status_reason(status));
    out.append("\r\n");
    for (const auto& [name, value] : headers) {
        out.append(name).append(": ").append(value).append("\r\n");
    }
    // Every answer may carry account data or secrets: never cache, never sniff, never leak the URL.
    out.append(
        "X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n"
        "Cache-Control: no-store\r\n\r\n");
    if (status != 204 && status != 304) out.append(body);
    return out;
}

}  // namespace accountd::server
