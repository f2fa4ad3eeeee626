#pragma once
// Calagopus words each refusal for its resource ("api key not found", "ssh key with name already
// exists"): a handler refuses with the panel's status and text, rendered into its envelope.

#include <string>

#include "server/api_error.hpp"

namespace accountd::handlers::calagopus {

/// Throws ApiError refused: the answer is `status` and {"errors":[message]}.
[[noreturn]] inline void refuse(int status, std::string message) {
    server::ApiError error(server::ErrorCode::refused, message);
    error.status = status;
    error.subject = std::move(message);
    throw error;
}

}  // namespace accountd::handlers::calagopus
