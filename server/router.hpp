#pragma once
// Routes are data: method, path pattern, what the caller must present and may do, and the
// handler. The dispatcher enforces what a route declares; handlers never check credentials,
// scopes or CSRF themselves. Patterns are literal segments, `{name}` parameters and, last, a
// `{name...}` rest (one or more segments). One Router per dialect.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "server/http_response.hpp"
#include "server/request_context.hpp"

namespace accountd::server {

enum class AuthRequirement {
    none,            ///< public (login, health)
    session,         ///< a browser session of this dialect
    session_or_key,  ///< a browser session, or an API key of the caller
};

/// The gate exemption of sign-out routes (and what signing out needs): ending one's own session
/// only takes access away, so a suspended or 2FA-pending user may always do it.
inline constexpr std::string_view kSignOutExemption =
    "signing out only takes access away, so every session may do it";

using Handler = std::function<HttpResponse(RequestContext&)>;

/// Which account gates (checked after authentication) a route passes through. Anything but
/// `all` on an authenticated route is an exemption, and must say why (Route::gate_exemption).
/// An API key of a suspended account is refused on every route, whatever its gates: only
/// browser sessions pass through `none`.
enum class Gates {
    all,                ///< suspension and required two-factor
    except_two_factor,  ///< suspension only: where a user goes to enable two-factor
    none,               ///< neither (sessions): signing out, and what a panel lets a suspended
                        ///< user still read
};

struct Route {
    std::string method;
    std::string pattern;
    AuthRequirement auth = AuthRequirement::none;
    Gates gates = Gates::all;
    Handler handler;
    /// An API-key caller's key must grant this permission (a dialect's name, e.g. Calagopus'
    /// "api-keys.read"); empty: any key of the caller. Browser sessions are not scoped.
    std::string key_permission{};
    /// The permission that lets a caller act on other users' resources (EcliPanel's
    /// "admin:access"): root admins hold it, through a session or a key that lists it.
    /// RequestContext::may_act_for tells the handler. Empty: only the caller's own resources.
    std::string others_permission{};
    /// Authentication is tried but not required: a request with no live credential reaches the
    /// handler without a principal (and passes no gates).
    bool auth_optional = false;
    /// A GET that changes state: cookie callers pass the dialect's CSRF check as for writes.
    bool csrf_on_get = false;
    /// Why an authenticated route lets callers past a gate (`gates` other than `all`): the
    /// reference behaviour or the reason it is safe. Router::add refuses such a route without
    /// one, so no route drops a gate by an oversight.
    std::string_view gate_exemption{};
    /// The largest body the route takes; 0: server.max_body_bytes. The worker reads at most
    /// Config::largest_body_bytes, so a larger value here is cut to that.
    std::size_t max_body_bytes = 0;
};

struct RouteMatch {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
};

class Router {
  public:
    /// Throws std::invalid_argument for an authenticated route whose gates are not `all` and
    /// that names no gate_exemption (a programming error, caught when the routes are built).
    void add(Route route);

    /// The route for `method` and `path`. HEAD matches GET routes. Throws ApiError
    /// route_not_found, or method_not_allowed listing the path's methods.
    RouteMatch match(const std::string& method, const std::string& path) const;

    /// Every route, in the order added (for tests that go through them all).
    std::vector<const Route*> routes() const;

  private:
    struct Compiled {
        Route route;
        std::vector<std::string> segments;
    };
    std::vector<Compiled> routes_;
};

}  // namespace accountd::server
