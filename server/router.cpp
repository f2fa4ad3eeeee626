#include "server/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "server/api_error.hpp"

namespace accountd::server {
namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> segments;
    std::size_t start = 1;  // paths start with '/'
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string::npos ? path.size() : slash;
        if (end > start) segments.push_back(path.substr(start, end - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return segments;
}

bool is_parameter(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// `{name...}`, last in a pattern: one or more remaining segments, joined by '/'.
bool is_rest(const std::string& segment) {
    return is_parameter(segment) && segment.ends_with("...}") && segment.size() > 5;
}

// How specific a match is, lower wins: literals beat parameters, which beat a rest.
std::size_t rank_of(const std::vector<std::string>& pattern, std::size_t params) {
    return params + (!pattern.empty() && is_rest(pattern.back()) ? 1000 : 0);
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::map<std::string, std::string>& params) {
    const bool rest = !pattern.empty() && is_rest(pattern.back());
    if (rest ? path.size() < pattern.size() : pattern.size() != path.size()) return false;
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (rest && i + 1 == pattern.size()) {
            std::string joined = path[i];
            for (std::size_t j = i + 1; j < path.size(); ++j)
                joined += "/" + path[j];
            found[pattern[i].substr(1, pattern[i].size() - 5)] = std::move(joined);
        } else if (is_parameter(pattern[i])) {
            found[pattern[i].substr(1, pattern[i].size() - 2)] = path[i];
        } else if (pattern[i] != path[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

}  // namespace

void Router::add(Route route) {
    if (route.auth != AuthRequirement::none && route.gates != Gates::all &&
        route.gate_exemption.empty()) {
        throw std::invalid_argument(route.method + " " + route.pattern +
                                    ": an account gate is dropped without a gate_exemption");
    }
    Compiled compiled{std::move(route), {}};
    compiled.segments = split_path(compiled.route.pattern);
    routes_.push_back(std::move(compiled));
}

RouteMatch Router::match(const std::string& method, const std::string& path) const {
    const auto segments = split_path(path);
    const std::string wanted = method == "HEAD" ? "GET" : method;
    std::vector<std::string> allowed;
    // A literal route wins over a parameterised one of the same shape, and both over a rest.
    const Compiled* best = nullptr;
    std::map<std::string, std::string> best_params;
    std::size_t best_rank = 0;
    for (const auto& compiled : routes_) {
        std::map<std::string, std::string> params;
        if (!matches(compiled.segments, segments, params)) continue;
        if (compiled.route.method != wanted) {
            allowed.push_back(compiled.route.method);
            continue;
        }
        const auto rank = rank_of(compiled.segments, params.size());
        if (best == nullptr || rank < best_rank) {
            best = &compiled;
            best_params = std::move(params);
            best_rank = rank;
        }
    }
    if (best != nullptr) return RouteMatch{&best->route, std::move(best_params)};
    if (allowed.empty()) throw ApiError(ErrorCode::route_not_found, "no route for " + path);
    if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end())
        allowed.push_back("HEAD");
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    ApiError error(ErrorCode::method_not_allowed, method + " not allowed on " + path);
    error.allowed_methods = std::move(allowed);
    throw error;
}

std::vector<const Route*> Router::routes() const {
    std::vector<const Route*> out;
    out.reserve(routes_.size());
    for (const auto& compiled : routes_)
        out.push_back(&compiled.route);
    return out;
}

}  // namespace accountd::server
