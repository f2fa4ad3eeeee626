#pragma once
// The page that carries Pterodactyl's SPA (reference 7.8): the operator's index template (the
// panel's built page or a copy of its wrapper, with the panel's asset tags) with the bootstrap
// data the SPA reads at start instead of asking the API: window.PterodactylUser for a signed-in
// session, window.SiteConfiguration always, and the csrf-token meta tag.

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace accountd::handlers::pterodactyl {

/// Marks where the bootstrap goes; without it, just before </head>.
inline constexpr const char* kBootstrapMarker = "<!-- accountd:bootstrap -->";

class SpaShellError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class SpaShell {
  public:
    /// Splits `html` at the marker, else before the first </head> (any case). Throws
    /// SpaShellError when it has neither.
    explicit SpaShell(const std::string& html);
    /// Reads the template at `path`. Throws SpaShellError naming the file.
    static SpaShell from_file(const std::string& path);

    struct Bootstrap {
        std::optional<nlohmann::ordered_json> user;  ///< the login response's user object
        nlohmann::ordered_json site;                 ///< window.SiteConfiguration
        std::string csrf_token;
    };
    /// The page, with the bootstrap's JSON escaped for a <script> element (no `<`, `>`, `&`
    /// or non-ASCII survives, so no value can close the element or open a comment).
    std::string render(const Bootstrap& bootstrap) const;

  private:
    std::string before_;
    std::string after_;
};

}  // namespace accountd::handlers::pterodactyl
