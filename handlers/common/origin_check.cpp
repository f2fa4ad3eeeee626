#include "handlers/common/origin_check.hpp"

#include <algorithm>

namespace accountd::handlers {
namespace {

// "host", "host:port", "[v6]:port" -> host. Ports are ignored: nginx's fastcgi_params sends
// HTTP_HOST as $host (no port), and same-site, as browsers define it, does not look at ports.
std::string_view host_without_port(std::string_view authority) {
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        return close == std::string_view::npos ? authority : authority.substr(0, close + 1);
    }
    return authority.substr(0, authority.find(':'));
}

}  // namespace

std::string origin_of(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos || scheme_end == 0) return {};
    const auto host_start = scheme_end + 3;
    const auto host_end = url.find_first_of("/?#", host_start);
    if (host_end == host_start) return {};
    return std::string(url.substr(0, host_end));
}

bool is_same_site_write(const server::HttpRequest& request,
                        const std::vector<std::string>& trusted) {
    std::string origin(request.header("origin"));
    if (origin.empty() || origin == "null") origin = origin_of(request.header("referer"));
    if (origin.empty()) return false;
    const std::string_view host = host_without_port(request.header("host"));
    const auto scheme_end = origin.find("://");
    if (!host.empty() && scheme_end != std::string::npos &&
        host_without_port(std::string_view(origin).substr(scheme_end + 3)) == host) {
        return true;
    }
    return std::find(trusted.begin(), trusted.end(), origin) != trusted.end();
}

}  // namespace accountd::handlers
