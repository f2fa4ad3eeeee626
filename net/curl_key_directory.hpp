#pragma once
// services::KeyDirectory over HTTPS with libcurl: one GET to the configured URL of the host
// (calagopus.ssh_import_*_url), bounded in time and size, never following redirects. A prefork
// worker waits for the answer and serves nobody else meanwhile, hence the short total timeout.

#include <cstddef>
#include <string>

#include "services/ssh_key_import.hpp"

namespace accountd::net {

struct KeyDirectoryUrls {
    std::string github;  ///< URL templates holding {username}
    std::string gitlab;
    std::string launchpad;
};

class CurlKeyDirectory final : public services::KeyDirectory {
  public:
    CurlKeyDirectory(KeyDirectoryUrls urls, int timeout_ms, std::size_t max_bytes)
        : urls_(std::move(urls)), timeout_ms_(timeout_ms), max_bytes_(max_bytes) {}

    std::optional<std::string> fetch(services::KeyProvider provider,
                                     const std::string& username) override;

  private:
    KeyDirectoryUrls urls_;
    int timeout_ms_;
    std::size_t max_bytes_;
};

/// The URL for `username`: {username} replaced by its percent-encoding (RFC 3986 unreserved
/// characters kept), so no name can leave its path segment.
std::string key_list_url(const std::string& url_template, const std::string& username);

}  // namespace accountd::net
