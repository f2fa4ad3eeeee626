#pragma once
// Calagopus' list query (`page`, `per_page`, `search`) and its answer object
// {"total","per_page","page","data"} (reference calagopus.md §1.5).

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/http_request.hpp"

namespace accountd::handlers::calagopus {

struct PageRequest {
    std::int64_t page = 1;
    std::int64_t per_page = 25;
    std::optional<std::string> search;  ///< 1..128 characters; an empty value is absent

    /// Rows to skip; far pages (which read nothing) stay inside 64 bits.
    std::uint64_t offset() const {
        const auto pages_before = static_cast<std::uint64_t>(page - 1);
        constexpr std::uint64_t kFarthest = std::numeric_limits<std::uint64_t>::max() / 128;
        return (pages_before < kFarthest ? pages_before : kFarthest) *
               static_cast<std::uint64_t>(per_page);
    }
    std::uint32_t limit() const { return static_cast<std::uint32_t>(per_page); }
};

/// Reads the list query. `with_search` false ignores `search` (PaginationParams). Throws
/// ApiError invalid_query for a value that is not a whole number (axum's rejection), and
/// ServiceError invalid_fields for page < 1, per_page outside 1..100 or a search longer than
/// 128 characters (one violation per field, garde's order).
PageRequest read_page_request(const server::HttpRequest& request, bool with_search = true);

/// The answer object; `data` is the page's items, already in the dialect's shape.
nlohmann::ordered_json page_json(std::uint64_t total, const PageRequest& request,
                                 nlohmann::ordered_json data);

}  // namespace accountd::handlers::calagopus
