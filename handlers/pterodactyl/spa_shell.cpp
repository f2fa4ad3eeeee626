#include "handlers/pterodactyl/spa_shell.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace accountd::handlers::pterodactyl {
namespace {

std::string script_json(const nlohmann::ordered_json& value) {
    const std::string text =
        value.dump(-1, ' ', true, nlohmann::ordered_json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '<':
                out += "\\u003c";
                break;
            case '>':
                out += "\\u003e";
                break;
            case '&':
                out += "\\u0026";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// The token goes into an attribute: only characters that need no escaping are let through.
std::string attribute_safe(const std::string& token) {
    std::string out;
    for (const char c : token) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_') out += c;
    }
    return out;
}

}  // namespace

SpaShell::SpaShell(const std::string& html) {
    auto at = html.find(kBootstrapMarker);
    std::size_t skip = std::string(kBootstrapMarker).size();
    if (at == std::string::npos) {
        std::string lower(html);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        at = lower.find("</head>");
        skip = 0;
    }
    if (at == std::string::npos) {
        throw SpaShellError(std::string("the index template has neither ") + kBootstrapMarker +
                            " nor </head>");
    }
    before_ = html.substr(0, at);
    after_ = html.substr(at + skip);
}

SpaShell SpaShell::from_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SpaShellError("cannot read the index template " + path);
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return SpaShell(text.str());
    } catch (const SpaShellError& e) {
        throw SpaShellError(path + ": " + e.what());
    }
}

std::string SpaShell::render(const Bootstrap& bootstrap) const {
    std::string page = before_;
    page += "<meta name=\"csrf-token\" content=\"" + attribute_safe(bootstrap.csrf_token) + "\">\n";
    if (bootstrap.user) {
        page += "<script>window.PterodactylUser = " + script_json(*bootstrap.user) + ";</script>\n";
    }
    page += "<script>window.SiteConfiguration = " + script_json(bootstrap.site) + ";</script>\n";
    page += after_;
    return page;
}

}  // namespace accountd::handlers::pterodactyl
