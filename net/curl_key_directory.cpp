#include "net/curl_key_directory.hpp"

#include <curl/curl.h>

#include <cctype>
#include <memory>
#include <mutex>

namespace accountd::net {
namespace {

struct Download {
    std::string body;
    std::size_t max_bytes = 0;
    bool too_large = false;
};

// libcurl's write callback: returning less than given aborts the transfer.
std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
    auto* download = static_cast<Download*>(user);
    const std::size_t bytes = size * count;
    if (download->body.size() + bytes > download->max_bytes) {
        download->too_large = true;
        return 0;
    }
    download->body.append(data, bytes);
    return bytes;
}

void init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::string key_list_url(const std::string& url_template, const std::string& username) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char c : username) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
            encoded.push_back(c);
        } else {
            encoded.push_back('%');
            encoded.push_back(kHex[u >> 4]);
            encoded.push_back(kHex[u & 0x0F]);
        }
    }
    std::string url = url_template;
    constexpr std::string_view kPlaceholder = "{username}";
    const auto at = url.find(kPlaceholder);
    if (at != std::string::npos) url.replace(at, kPlaceholder.size(), encoded);
    return url;
}

std::optional<std::string> CurlKeyDirectory::fetch(services::KeyProvider provider,
                                                   const std::string& username) {
    init_once();
    const std::string* url_template = &urls_.launchpad;
    if (provider == services::KeyProvider::github) url_template = &urls_.github;
    if (provider == services::KeyProvider::gitlab) url_template = &urls_.gitlab;
    const std::string url = key_list_url(*url_template, username);

    const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                                   &curl_easy_cleanup);
    if (!curl) return std::nullopt;
    Download download;
    download.max_bytes = max_bytes_;
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    // The configured URL was checked to be https, or http to a loopback host (config.cpp);
    // redirects are not followed, so no answer can send the request elsewhere.
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms_));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_ms_));
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_bytes_));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "accountd");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &download);
    struct curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json");
    const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(
        headers, &curl_slist_free_all);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);

    if (curl_easy_perform(h) != CURLE_OK || download.too_large) return std::nullopt;
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) return std::nullopt;
    return std::move(download.body);
}

}  // namespace accountd::net
