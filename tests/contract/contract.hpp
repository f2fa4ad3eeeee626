#pragma once
// Repository contract suites, kratos' TestPersister in Boost.Test: one header per repository
// interface, written once against the interface and run on every backend. A test file declares
// the backends ("worlds") and then includes the contracts:
//
//     namespace accountd::contract { using Worlds = boost::mpl::list<testing::InMemoryWorld>; }
//     #include "contract/user_repository_contract.hpp"
//
// Every case builds a fresh World: the repositories under test as members named after the
// interface (users, sessions, api_keys, ssh_keys, two_factor, activity, throttle, housekeeping),
// wired together as the tables are, plus `make_user(prefix)` (stores a user, returns its id, for
// rows that need an owner) and `unique(prefix)` (a lowercase name no other call returned).
// Cases use the repositories only through their interface, so what passes on one backend is
// what the services may rely on from every backend.

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>

#include "crypto/hash.hpp"
#include "services/clock.hpp"

namespace accountd::contract {

/// Far from the wall clock, so that no case depends on the time it runs at.
inline constexpr services::Timestamp kT0{std::chrono::seconds(1'700'000'000)};

inline std::string upper(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

/// A 32-byte digest, the shape every stored token hash has (the columns are BINARY(32)).
inline std::string digest(const std::string& name) {
    return crypto::sha256(name);
}

}  // namespace accountd::contract
