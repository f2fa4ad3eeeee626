#pragma once
// CSRF defence for cookie-authenticated writes in the dialects whose clients send no token
// (Calagopus, EcliPanel): the browser's Origin (or Referer) must be the request's own host or
// an origin the operator trusts.

#include <string>
#include <vector>

#include "server/http_request.hpp"

namespace accountd::handlers {

/// "scheme://host[:port]" of an Origin or Referer value; empty when it has none.
std::string origin_of(std::string_view url);

/// True when the request's Origin, else Referer, names the request's own host (any port) or
/// is listed in `trusted`.
bool is_same_site_write(const server::HttpRequest& request,
                        const std::vector<std::string>& trusted);

}  // namespace accountd::handlers
