#pragma once
// Calagopus' request body extractor (`shared::Payload`, reference §1.2): the Content-Type header
// is required on every route that takes a body, even an empty one, and must be exactly
// `application/json` (mime equality: a parameter such as `; charset=utf-8` is another type).
// An empty body is `{}`; unknown fields are ignored; null stands for an absent optional field.

#include <nlohmann/json.hpp>

#include "server/request_context.hpp"

namespace accountd::handlers::calagopus {

/// The body as a JSON object. Throws ApiError missing_content_type, unsupported_media_type or
/// malformed_json (all 400 `invalid payload: ...` in this dialect).
nlohmann::json read_payload(const server::RequestContext& ctx);

}  // namespace accountd::handlers::calagopus
