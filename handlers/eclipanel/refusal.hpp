#pragma once
// EcliPanel words most refusals for their route ("SSH key not found", "Invalid tempToken"): a
// handler refuses with the panel's status and text, rendered as {"error": text}.

#include <string>
#include <utility>

#include "server/api_error.hpp"

namespace accountd::handlers::eclipanel {

/// Throws ApiError refused: the answer is `status` and {"error": message}.
[[noreturn]] inline void refuse(int status, std::string message) {
    server::ApiError error(server::ErrorCode::refused, message);
    error.status = status;
    error.subject = std::move(message);
    throw error;
}

}  // namespace accountd::handlers::eclipanel
