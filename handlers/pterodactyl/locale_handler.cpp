#include "handlers/pterodactyl/locale_handler.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

#include "handlers/pterodactyl/laravel_lang_file.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

// Laravel's fallback locale.
constexpr const char* kFallbackLocale = "en";
// More names than the SPA ever asks for at once is no SPA.
constexpr std::size_t kMaxNames = 8;

std::vector<std::string> split_names(const std::string& list) {
    std::vector<std::string> names;
    std::istringstream in(list);
    for (std::string name; in >> name;)
        names.push_back(name);
    return names;
}

// Names become file paths: letters, digits, '_' and '-' only (so no "..", no '/'), short.
bool is_safe_name(const std::string& name) {
    if (name.empty() || name.size() > 32) return false;
    for (const char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_' && c != '-') return false;
    }
    return true;
}

std::vector<std::string> names_of(const server::RequestContext& ctx, const char* field) {
    auto names = split_names(ctx.request.query_param(field).value_or(""));
    if (names.empty()) throw services::ServiceError::invalid(field, services::Rule::required);
    if (names.size() > kMaxNames) {
        throw services::ServiceError::invalid(field, services::Rule::max_items,
                                              std::to_string(kMaxNames));
    }
    for (const auto& name : names) {
        if (!is_safe_name(name))
            throw services::ServiceError::invalid(field, services::Rule::length);
    }
    return names;
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

nlohmann::ordered_json texts_for(const HandlerDeps& deps, const std::string& locale,
                                 const std::string& name) {
    const auto& dir = deps.config.pterodactyl_lang_dir;
    if (dir.empty()) return nlohmann::ordered_json::object();
    for (const std::string& candidate : {locale, std::string(kFallbackLocale)}) {
        const std::string path = dir + "/" + candidate + "/" + name + ".php";
        const auto text = read_file(path);
        if (!text) continue;
        try {
            return to_i18next_placeholders(parse_laravel_lang_file(*text));
        } catch (const LangFileError& e) {
            deps.log.warn("locale.unreadable", {{"file", path}, {"detail", e.what()}});
            return nlohmann::ordered_json::object();
        }
    }
    return nlohmann::ordered_json::object();
}

server::HttpResponse locale(const HandlerDeps& deps, server::RequestContext& ctx) {
    const auto locales = names_of(ctx, "locale");
    const auto namespaces = names_of(ctx, "namespace");
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& l : locales) {
        for (const auto& n : namespaces)
            out[l][n] = texts_for(deps, l, n);
    }
    return server::HttpResponse::json(200, out);
}

}  // namespace

void register_locale_routes(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "GET",
                .pattern = kLocalePath,
                .auth = server::AuthRequirement::none,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return locale(deps, ctx); }});
}

}  // namespace accountd::handlers::pterodactyl
