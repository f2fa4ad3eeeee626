#include "handlers/pterodactyl/activity_handler.hpp"

#include <charconv>
#include <sstream>

#include "handlers/pterodactyl/activity_transformer.hpp"
#include "server/api_error.hpp"
#include "services/text.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

using server::ApiError;
using server::ErrorCode;

constexpr long long kDefaultPerPage = 25;
constexpr long long kMaxPerPage = 100;
// Far past any real activity log; keeps page * per_page well inside 64 bits.
constexpr long long kMaxPage = 1'000'000;

// A pagination parameter: absent is `fallback`; present, it must be a whole number in
// [least, most], else the field is refused (Laravel's integer|min|max rules), never quietly
// read as page 1.
long long bounded_number(const std::map<std::string, std::string>& query, const char* key,
                         long long fallback, long long least, long long most,
                         std::vector<services::FieldViolation>& problems) {
    const auto it = query.find(key);
    if (it == query.end()) return fallback;
    long long value = 0;
    // Laravel trims query input too (TrimStrings).
    const std::string_view text = services::trim_view(it->second);
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) {
        problems.push_back({key, services::Rule::integer, {}});
    } else if (value < least) {
        problems.push_back({key, services::Rule::min_value, std::to_string(least)});
    } else if (value > most) {
        problems.push_back({key, services::Rule::max_value, std::to_string(most)});
    }
    return value;
}

std::vector<std::string> split_lower(const std::string& text) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ',')) {
        for (char& c : part)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!part.empty()) parts.push_back(part);
    }
    return parts;
}

// The request's path and query with `page` replaced, as Laravel's paginator builds its links, under
// the configured public URL (server.public_url), never the request's Host header, which the
// client chooses. Without one the link is relative to the host the client asked.
std::string page_link(const std::string& public_url, const server::HttpRequest& request,
                      long long page) {
    std::string url = public_url + request.path + "?";
    std::stringstream in(request.query);
    std::string pair;
    while (std::getline(in, pair, '&')) {
        if (pair.empty() || pair.starts_with("page=") || pair == "page") continue;
        url += pair + "&";
    }
    return url + "page=" + std::to_string(page);
}

server::HttpResponse list_activity(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto query = server::parse_query(ctx.request.query);
    std::string refused_filters;
    for (const auto& [key, value] : query) {
        if (key.starts_with("filter[") && key != "filter[event]") {
            refused_filters +=
                (refused_filters.empty() ? "" : ", ") + key.substr(7, key.size() - 8);
        }
    }
    if (!refused_filters.empty()) {
        ApiError e(ErrorCode::invalid_query, "filter");
        e.subject = refused_filters;
        e.query_part = ApiError::QueryPart::filter;
        throw e;
    }
    services::ActivityQuery q;
    q.subject_user_id = ctx.caller().user.id;
    if (const auto sort = query.find("sort"); sort != query.end()) {
        if (sort->second == "timestamp") {
            q.newest_first = false;
        } else if (sort->second != "-timestamp") {
            ApiError e(ErrorCode::invalid_query, "sort");
            e.subject = sort->second.substr(0, 64);
            e.query_part = ApiError::QueryPart::sort;
            throw e;
        }
    }
    if (const auto filter = query.find("filter[event]"); filter != query.end()) {
        q.event_contains = split_lower(filter->second.substr(0, 191));
    }
    std::vector<services::FieldViolation> problems;
    const long long per_page =
        bounded_number(query, "per_page", kDefaultPerPage, 1, kMaxPerPage, problems);
    const long long page = bounded_number(query, "page", 1, 1, kMaxPage, problems);
    if (!problems.empty()) throw services::ServiceError::invalid(std::move(problems));
    q.limit = static_cast<std::uint32_t>(per_page);
    q.offset = static_cast<std::uint64_t>((page - 1) * per_page);
    const auto include = [&](const char* key) {
        const auto it = query.find(key);
        return it != query.end() && it->second.find("actor") != std::string::npos;
    };
    const bool include_actor = include("include") || include("include[]");

    const auto result = deps.activity.list(q);
    nlohmann::ordered_json data = nlohmann::ordered_json::array();
    for (const auto& entry : result.entries) {
        data.push_back(activity_item(entry, ctx.caller().user, include_actor));
    }
    const auto total = static_cast<long long>(result.total);
    const long long total_pages = std::max(1LL, (total + per_page - 1) / per_page);
    nlohmann::ordered_json links = nlohmann::ordered_json::object();
    const auto& base = deps.config.public_url;
    if (page > 1) links["previous"] = page_link(base, ctx.request, page - 1);
    if (page < total_pages) links["next"] = page_link(base, ctx.request, page + 1);
    return server::HttpResponse::json(200, {{"object", "list"},
                                            {"data", data},
                                            {"meta",
                                             {{"pagination",
                                               {{"total", total},
                                                {"count", result.entries.size()},
                                                {"per_page", per_page},
                                                {"current_page", page},
                                                {"total_pages", total_pages},
                                                {"links", links}}}}}});
}

}  // namespace

void register_activity_routes(server::Router& router, const HandlerDeps& deps) {
    router.add(
        {.method = "GET",
         .pattern = kActivityPath,
         .auth = server::AuthRequirement::session_or_key,
         .gates = server::Gates::all,
         .handler = [&deps](server::RequestContext& ctx) { return list_activity(deps, ctx); },
         .key_permission = "activity.read"});
}

}  // namespace accountd::handlers::pterodactyl
