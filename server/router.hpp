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

struct Route {
    std::string method;
    std::string pattern;
    AuthRequirement auth = AuthRequirement::none;
    /// Reachable by a suspended account or one that must enable two-factor but has not yet
    /// (account read, logout), as the panels allow.
    bool gate_exempt = false;
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
