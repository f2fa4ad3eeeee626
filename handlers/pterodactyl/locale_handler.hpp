#pragma once
// GET /locales/locale.json?locale=en&namespace=activity (reference 7.8): the panel's own
// translations for its SPA, read from the panel's language files (pterodactyl.lang_dir), as
// {"<locale>": {"<namespace>": {...}}} with `:name` placeholders as `{{name}}`. Several locales
// or namespaces may be asked at once, separated by spaces. Without a language directory, or
// for a file that is not there, the namespace is empty and the SPA shows its event names.

#include "handlers/common/handler_deps.hpp"
#include "server/router.hpp"

namespace accountd::handlers::pterodactyl {

inline constexpr const char* kLocalePath = "/locales/locale.json";

void register_locale_routes(server::Router& router, const HandlerDeps& deps);

}  // namespace accountd::handlers::pterodactyl
