#pragma once
// Routes are data: method, path pattern, what the caller must present, and the handler. Patterns
// are literal segments and `{name}` parameters. One Router per dialect.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "server/http_response.hpp"
#include "server/request_context.hpp"

namespace accountd::server {

enum class AuthRequirement {
    none,            ///< public (login, health)
    session,         ///< a browser session of this dialect
    session_or_key,  ///< a browser session, or an API key of the caller
};

using Handler = std::function<HttpResponse(RequestContext&)>;

/// Which account gates (checked after authentication) a route passes through.
enum class Gates {
    all,                ///< suspension and required two-factor
    except_two_factor,  ///< suspension only: where a user goes to enable two-factor
    none,               ///< neither: reading the account and signing out, as the panels allow
};

struct Route {
    std::string method;
    std::string pattern;
    AuthRequirement auth = AuthRequirement::none;
    Gates gates = Gates::all;
    Handler handler;
};

struct RouteMatch {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
};

class Router {
  public:
    void add(Route route);

    /// The route for `method` and `path`. HEAD matches GET routes. Throws ApiError
    /// route_not_found, or method_not_allowed listing the path's methods.
    RouteMatch match(const std::string& method, const std::string& path) const;

  private:
    struct Compiled {
        Route route;
        std::vector<std::string> segments;
    };
    std::vector<Compiled> routes_;
};

}  // namespace accountd::server
