#include "handlers/calagopus/pagination.hpp"

#include <charconv>
#include <vector>

#include "server/api_error.hpp"
#include "services/service_error.hpp"
#include "services/text.hpp"

namespace accountd::handlers::calagopus {
namespace {

constexpr std::int64_t kMaxPerPage = 100;
constexpr std::size_t kMaxSearch = 128;

// serde_urlencoded's words for a value that is no i64, as axum passes them on.
std::int64_t whole_number(const std::string& text) {
    if (text.empty()) {
        throw server::ApiError(server::ErrorCode::invalid_query,
                               "cannot parse integer from empty string");
    }
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range) {
        throw server::ApiError(server::ErrorCode::invalid_query,
                               "number too large to fit in target type");
    }
    if (ec != std::errc{} || ptr != text.data() + text.size()) {
        throw server::ApiError(server::ErrorCode::invalid_query, "invalid digit found in string");
    }
    return value;
}

}  // namespace

PageRequest read_page_request(const server::HttpRequest& request, bool with_search) {
    PageRequest page;
    if (auto text = request.query_param("page")) page.page = whole_number(*text);
    if (auto text = request.query_param("per_page")) page.per_page = whole_number(*text);
    if (with_search) {
        if (auto text = request.query_param("search"); text && !text->empty()) {
            page.search = std::move(*text);
        }
    }
    std::vector<services::FieldViolation> problems;
    if (page.page < 1) problems.push_back({"page", services::Rule::min_value, "1"});
    if (page.per_page < 1) problems.push_back({"per_page", services::Rule::min_value, "1"});
    if (page.per_page > kMaxPerPage) {
        problems.push_back({"per_page", services::Rule::max_value, std::to_string(kMaxPerPage)});
    }
    if (page.search && services::utf8_length(*page.search) > kMaxSearch) {
        problems.push_back({"search", services::Rule::max, std::to_string(kMaxSearch)});
    }
    if (!problems.empty()) throw services::ServiceError::invalid(std::move(problems));
    return page;
}

nlohmann::ordered_json page_json(std::uint64_t total, const PageRequest& request,
                                 nlohmann::ordered_json data) {
    return {{"total", total},
            {"per_page", request.per_page},
            {"page", request.page},
            {"data", std::move(data)}};
}

}  // namespace accountd::handlers::calagopus
