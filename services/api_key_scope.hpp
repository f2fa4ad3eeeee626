#pragma once
// How far an API key reaches, and whether one key reaches no further than another: the rule
// behind SECURITY.md's "a key can never widen its own restrictions". A key may be limited by
// client addresses, by an expiry and by a permission list; a credential with none of them (an
// unrestricted key, an SSH key, a browser session) reaches as far as the account itself.

#include "services/api_key.hpp"

namespace accountd::services {

/// Whether `key` is limited at all: an allow-list, an expiry or a permission list (a user
/// permission list, or Calagopus' admin or server list).
bool is_restricted(const ApiKey& key);

/// Whether `inner` reaches no further than `outer`: when `outer` has an allow-list, `inner` has
/// one and every entry of it lies inside `outer`'s; when `outer` expires, `inner` expires no
/// later; when `outer` has a permission list, `inner` has one naming only permissions `outer`
/// grants. Every key is within itself; every key is within an unrestricted one.
bool is_within(const ApiKey& inner, const ApiKey& outer);

/// Whether each of `inner`'s three permission lists (user, admin, server) names only
/// permissions `outer`'s grants: a list `outer` does not have (nullopt) grants everything, a
/// list `inner` does not have asks for everything.
bool permissions_within(const ApiKey& inner, const ApiKey& outer);

}  // namespace accountd::services
