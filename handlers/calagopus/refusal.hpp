#pragma once
// Calagopus words each refusal for its resource ("api key not found", "ssh key with name already
// exists"): a handler refuses with the panel's status and text, rendered into its envelope.

#include <string>
#include <utility>
#include <vector>

#include "server/api_error.hpp"

namespace accountd::handlers::calagopus {

/// Throws ApiError refused: the answer is `status` and {"errors":[message]}.
[[noreturn]] inline void refuse(int status, std::string message) {
    server::ApiError error(server::ErrorCode::refused, message);
    error.status = status;
    error.subject = std::move(message);
    throw error;
}

/// A handler's own field check that failed (garde's wording): "<field>: <message>".
struct FieldRefusal {
    std::string field;
    std::string message;
};

/// Throws ApiError refused, 400, {"errors":["<field>: <message>", ...]}: one string per failing
/// field, in order, as Calagopus' validate_data answers. `refusals` must not be empty.
[[noreturn]] inline void refuse_fields(const std::vector<FieldRefusal>& refusals) {
    server::ApiError error(server::ErrorCode::refused, "invalid fields");
    error.status = 400;
    error.subject = refusals.front().field + ": " + refusals.front().message;
    for (const auto& r : refusals)
        error.violations.push_back({r.field, services::Rule::length, r.message});
    throw error;
}

}  // namespace accountd::handlers::calagopus
