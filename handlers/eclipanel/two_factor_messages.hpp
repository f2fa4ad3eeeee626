#pragma once
// How EcliPanel words a failed second factor, or a refused change of it (its §4.2-§4.3
// messages, and ours where EcliPanel has none because it never refuses there).

#include <utility>

#include "services/service_error.hpp"

namespace accountd::handlers::eclipanel {

/// The status and message of `failure`.
std::pair<int, const char*> two_factor_shape(services::TwoFactorFailure failure);

}  // namespace accountd::handlers::eclipanel
