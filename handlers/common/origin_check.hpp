#pragma once
// CSRF defence for cookie-authenticated writes in the dialects whose clients send no token
// (Calagopus, EcliPanel): the browser's Origin (or Referer) must be exactly the origin the
// request was made to, or one the operator lists. Origins are compared whole (scheme, host and
// port), as browsers' same-origin policy compares them: another port or plain http on the same
// host is another site, which may be someone else's.

#include <string>
#include <vector>

#include "server/http_request.hpp"

namespace accountd::handlers {

/// "scheme://host[:port]" of an Origin or Referer value, lowercased, without the scheme's
/// default port (80 for http, 443 for https); empty when it names no such origin.
std::string origin_of(std::string_view url);

/// The origin the browser addressed: the scheme nginx saw (REQUEST_SCHEME), the Host header and,
/// when the header has no port, the port nginx accepted it on (SERVER_PORT); normalised like
/// origin_of; empty without a Host header.
std::string own_origin(const server::HttpRequest& request);

/// True when the request's Origin, else Referer, is the request's own origin or is listed in
/// `trusted` (entries compared after the same normalisation).
bool is_same_site_write(const server::HttpRequest& request,
                        const std::vector<std::string>& trusted);

}  // namespace accountd::handlers
