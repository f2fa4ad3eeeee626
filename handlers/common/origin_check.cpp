#include "handlers/common/origin_check.hpp"

#include <algorithm>
#include <cctype>

namespace accountd::handlers {
namespace {

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "scheme" + "host[:port]" -> the origin, or empty when the authority is not a plain host:
// user-info, spaces or an empty host never name an origin a browser would send.
std::string normalised(std::string_view scheme, std::string_view authority) {
    if (scheme.empty() || authority.empty() ||
        authority.find_first_of("@ \t\\") != std::string_view::npos) {
        return {};
    }
    std::string origin = lowercase(scheme) + "://" + lowercase(authority);
    const auto strip = [&origin](std::string_view scheme_name, std::string_view port) {
        if (origin.starts_with(scheme_name) && origin.ends_with(port)) {
            origin.resize(origin.size() - port.size());
        }
    };
    strip("http://", ":80");
    strip("https://", ":443");
    return origin.ends_with("://") ? std::string() : origin;
}

}  // namespace

std::string origin_of(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos || scheme_end == 0) return {};
    const auto host_start = scheme_end + 3;
    const auto host_end = std::min(url.find_first_of("/?#", host_start), url.size());
    return normalised(url.substr(0, scheme_end), url.substr(host_start, host_end - host_start));
}

std::string own_origin(const server::HttpRequest& request) {
    std::string authority(request.header("host"));
    // Debian's fastcgi_params pass HTTP_HOST as $host, without the port: the port the client
    // connected to is nginx's SERVER_PORT then.
    const auto bracket = authority.rfind(']');
    const bool has_port =
        authority.find(':', bracket == std::string::npos ? 0 : bracket) != std::string::npos;
    if (!authority.empty() && !has_port && !request.server_port.empty()) {
        authority += ":" + request.server_port;
    }
    return normalised(request.scheme, authority);
}

bool is_same_site_write(const server::HttpRequest& request,
                        const std::vector<std::string>& trusted) {
    std::string origin = origin_of(request.header("origin"));
    if (origin.empty()) origin = origin_of(request.header("referer"));
    if (origin.empty()) return false;
    if (origin == own_origin(request)) return true;
    return std::any_of(trusted.begin(), trusted.end(),
                       [&origin](const std::string& entry) { return origin_of(entry) == origin; });
}

}  // namespace accountd::handlers
