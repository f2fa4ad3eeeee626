#include "handlers/eclipanel/user_update.hpp"

#include <array>
#include <utility>

#include "handlers/eclipanel/profile_rules.hpp"
#include "handlers/eclipanel/rate_limit.hpp"
#include "handlers/eclipanel/refusal.hpp"
#include "handlers/eclipanel/user_target.hpp"
#include "services/key_permissions.hpp"
#include "services/text.hpp"
#include "services/user_service.hpp"

namespace accountd::handlers::eclipanel {
namespace {

namespace field = services::profile_field;

// Writable by the user: wire name -> profile field (the names live on the account row).
constexpr std::array<std::pair<const char*, const char*>, 13> kProfileFields = {{
    {"middleName", field::middle_name},
    {"displayName", field::display_name},
    {"title", field::title},
    {"gender", field::gender},
    {"address", field::address},
    {"address2", field::address2},
    {"phone", field::phone},
    {"billingCompany", field::billing_company},
    {"billingCity", field::billing_city},
    {"billingState", field::billing_state},
    {"billingZip", field::billing_zip},
    {"billingCountry", field::billing_country},
    {"firstName", nullptr},
}};

// §5.7 step 8: fields that may not be saved blank.
constexpr std::array<const char*, 7> kRequired = {
    "firstName", "lastName", "phone", "address", "billingCity", "billingZip", "billingCountry"};

// §5.7 step 10: the settings keys a user sets on their own account.
constexpr std::array<std::string_view, 9> kUserSettings = {
    "theme",      "locale", "editor",   "notifications", "serverFavorites",
    "guideShown", "byoai",  "calendar", "socAlerts"};

// The most a settings object may take when stored (EcliPanel sets no limit).
constexpr std::size_t kMaxSettingsBytes = std::size_t{64} * 1024;

const nlohmann::json* present(const nlohmann::json& body, const char* name) {
    const auto it = body.find(name);
    return it == body.end() ? nullptr : &*it;
}

// A string field's new value: nullopt when absent; a null value clears (empty optional).
std::optional<std::optional<std::string>> text_change(const nlohmann::json& body,
                                                      const char* name) {
    const auto* value = present(body, name);
    if (value == nullptr) return std::nullopt;
    if (value->is_null()) return std::optional<std::string>();
    if (!value->is_string()) refuse(400, std::string(name) + " must be a string");
    return std::optional<std::string>(value->get<std::string>());
}

bool is_user_setting(const std::string& key) {
    for (const auto allowed : kUserSettings) {
        if (allowed == key) return true;
    }
    return false;
}

// Step 11 for a caller with users:write: portalType, emailVerified and suspended; `role` only
// for a root admin (EcliPanel's `*`/`rootAdmin` actor), and never their own (a root admin's role
// names them one; User::root_admin stays the truth). limits, nodeId, idVerified, fraudFlag and
// fraudReason have no storage in accountd and are ignored.
services::AccountStateChanges admin_changes(const nlohmann::json& body, bool actor_is_root,
                                            const services::User& target) {
    services::AccountStateChanges changes;
    if (const auto change = text_change(body, "portalType"); change && *change) {
        if ((*change)->empty() || services::utf8_length(**change) > 32) {
            refuse(400, "portalType must be at most 32 characters.");
        }
        changes.portal_type = **change;
    }
    for (const auto& [name, slot] : {std::pair{"emailVerified", &changes.email_verified},
                                     std::pair{"suspended", &changes.suspended}}) {
        const auto* value = present(body, name);
        if (value == nullptr || value->is_null()) continue;
        if (!value->is_boolean()) refuse(400, std::string(name) + " must be a boolean");
        *slot = value->get<bool>();
    }
    if (actor_is_root && !target.root_admin) {
        if (const auto change = text_change(body, "role")) {
            if (*change && services::utf8_length(**change) > 64) {
                refuse(400, "role must be at most 64 characters.");
            }
            // The superuser roles would show the frontend's admin pages (and, in a database
            // shared with EcliPanel, be root there) without User::root_admin: an operator grants
            // root with the command line, where it is both.
            if (*change && (**change == "*" || **change == "rootAdmin")) {
                refuse(400, "role * and rootAdmin are granted by an operator, not through the API");
            }
            changes.role = *change;
        }
    }
    return changes;
}

// Step 5's and 6's check of currentPassword, done once for both.
void verify_current_password(const HandlerDeps& deps, const server::RequestContext& ctx,
                             const services::User& target, const std::string& current) {
    try {
        deps.password_confirmation.run(target.id, ctx.client_ip,
                                       [&] { deps.accounts.require_password(target, current); });
    } catch (const services::ServiceError& e) {
        if (e.kind() != services::ServiceError::Kind::wrong_password) throw;
        refuse(403, "Current password is invalid");
    }
}

server::HttpResponse update_user(const HandlerDeps& deps, server::RequestContext& ctx) {
    // Step 1: an unknown user and one the caller may not edit answer alike (§15.11).
    const auto target = find_target(deps, ctx);
    const auto& caller = ctx.caller();
    // Step 2.
    spend_limit(deps,
                "profile-update:user:" + std::to_string(caller.user.id) + ":ip:" + ctx.client_ip,
                deps.config.eclipanel_profile_update_limit);
    const auto body = read_unschematised_body(ctx);
    // A key changes only what its list lets it, as Calagopus' account permissions do: the route
    // needs account:infos, a new password or address each its own permission besides.
    if (caller.api_key) {
        for (const auto& [field, permission] :
             {std::pair{"password", "account:password"}, std::pair{"email", "account:email"}}) {
            if (present(body, field) == nullptr ||
                services::key_grants(*caller.api_key, services::PermissionVocabulary::eclipanel,
                                     permission)) {
                continue;
            }
            server::ApiError error(server::ErrorCode::forbidden, "key lacks the permission");
            error.subject = permission;
            throw error;
        }
    }
    // Step 3: users:write (root admins; a key only when it lists it).
    const bool admin = ctx.acts_for_others;
    const auto stored = deps.profiles.read(target.id);
    // Changing one's own password or address always takes the current password, admins
    // included (EcliPanel exempts admins editing themselves): a stolen admin session must not
    // take the account over.
    const bool needs_current = !admin || target.id == caller.user.id;

    // Step 5: the password.
    std::optional<std::string> current;
    if (const auto change = text_change(body, "currentPassword"); change && *change) {
        current = **change;
    }
    bool password_verified = false;
    std::optional<std::string> new_password;
    if (const auto change = text_change(body, "password");
        change && *change && !(*change)->empty()) {
        new_password = **change;
        const auto problems = password_complexity_problems(*new_password);
        if (!problems.empty()) {
            std::string joined;
            for (const auto& problem : problems) {
                if (!joined.empty()) joined += ' ';
                joined += problem;
            }
            refuse(400, joined);
        }
        // accountd's own policy (length, common passwords, the account's names) after
        // EcliPanel's composition rules.
        if (const auto problem = deps.accounts.password_problem(target, *new_password)) {
            refuse(400, policy_message(*problem));
        }
        if (needs_current && !current) {
            refuse(400, "Current password is required to change password");
        }
        if (current) {
            verify_current_password(deps, ctx, target, *current);
            password_verified = true;
        }
    }

    // Step 6: the e-mail address. Unlike EcliPanel, the currentPassword checked for a new
    // password in the same request also confirms the address.
    std::optional<std::string> new_email;
    if (const auto* value = present(body, "email"); value != nullptr && !value->is_null()) {
        if (!value->is_string()) refuse(400, "Invalid email address");
        const auto email = services::trim(value->get<std::string>());
        if (email != target.email) {
            if (!is_email_shaped(email) || !services::is_plausible_email(email)) {
                refuse(400, "Invalid email address");
            }
            if (needs_current) {
                if (!current) refuse(400, "Current password is required to change password");
                if (!password_verified) verify_current_password(deps, ctx, target, *current);
            }
            new_email = email;
        }
    }

    services::ProfileUpdate update;
    // Step 7: the date of birth.
    if (const auto* value = present(body, "dateOfBirth"); value != nullptr) {
        const auto birth =
            value->is_string() ? parse_date_of_birth(value->get<std::string>()) : std::nullopt;
        if (!birth) refuse(400, "invalid_date_of_birth");
        std::string country;
        if (const auto* given = present(body, "billingCountry"); given && given->is_string()) {
            country = given->get<std::string>();
        } else if (const auto it = stored.find(field::billing_country); it != stored.end()) {
            country = it->second;
        }
        const std::chrono::year_month_day today{
            std::chrono::floor<std::chrono::days>(deps.clock.now())};
        // An admin may set any date (EcliPanel then suspends the account; accountd leaves that
        // to the admin, §15.12).
        if (!admin && age_on(*birth, today) < minimum_age(country)) refuse(400, "minimum_age");
        update[field::date_of_birth] = format_date(*birth);
    }

    // Step 8: a required field the request sets must not be blank. A field the request leaves
    // alone is not judged, so a settings-only save goes through whatever the stored profile
    // lacks (fixing §15.10).
    for (const char* name : kRequired) {
        const auto* value = present(body, name);
        if (value == nullptr) continue;
        if (value->is_null() ||
            (value->is_string() && services::trim(value->get<std::string>()).empty())) {
            refuse(400, std::string(name) + "_required");
        }
    }

    // Step 9: types and lengths.
    services::ProfileChanges names;
    for (const auto& [wire, stored_as] : kProfileFields) {
        const auto change = text_change(body, wire);
        if (!change) continue;
        const auto most = max_length(wire);
        if (*change && most != 0 && services::utf8_length(**change) > most) {
            refuse(400,
                   std::string(wire) + " must be at most " + std::to_string(most) + " characters.");
        }
        if (stored_as == nullptr) {
            names.name_first = **change;  // never null: step 8 refused it
        } else {
            update[stored_as] = *change;
        }
    }
    if (const auto change = text_change(body, "lastName")) {
        if (services::utf8_length(**change) > max_length("lastName")) {
            refuse(400, "lastName must be at most 64 characters.");
        }
        names.name_last = **change;
    }

    // Step 10: settings, merged key by key into what is stored (for admins too, §15.10); a user
    // sets only the keys the frontend uses.
    if (const auto* value = present(body, "settings"); value != nullptr && !value->is_null()) {
        if (!value->is_object()) refuse(400, "settings must be an object");
        auto merged = stored_settings(stored);
        if (merged.is_null()) merged = nlohmann::ordered_json::object();
        for (const auto& [key, setting] : value->items()) {
            if (admin || is_user_setting(key)) merged[key] = setting;
        }
        auto text = merged.dump();
        if (text.size() > kMaxSettingsBytes) refuse(400, "settings is too large");
        update[field::settings] = std::move(text);
    }
    // Step 11: the admin-only fields accountd stores; a user's attempt is ignored, as EcliPanel
    // ignores it.
    const auto state = admin ? admin_changes(body, caller.user.root_admin, target)
                             : services::AccountStateChanges{};

    // Step 12: a taken address is refused before anything is written.
    if (new_email) {
        if (const auto other = deps.users.find_by_email(*new_email);
            other && other->id != target.id) {
            refuse(409, "An account with that email address already exists.");
        }
    }

    if (new_password) {
        // The caller's own session survives its own password change (SECURITY.md: a new
        // password ends every *other* session); EcliPanel ends them all.
        std::optional<std::uint64_t> keep;
        if (caller.session && caller.user.id == target.id) keep = caller.session->id;
        deps.accounts.set_password(target, new_password, std::nullopt, "password", keep);
        record_user_activity(deps, ctx, target.id, "user:account.password-changed");
    }
    if (new_email) {
        try {
            deps.accounts.set_email(target, *new_email);
        } catch (const services::ServiceError& e) {
            if (e.kind() != services::ServiceError::Kind::invalid_fields) throw;
            refuse(409, "An account with that email address already exists.");
        }
        record_user_activity(deps, ctx, target.id, "user:account.email-changed",
                             {{"old", target.email}, {"new", *new_email}});
    }
    const bool state_changed =
        state.portal_type || state.email_verified || state.suspended || state.role;
    if (state_changed) deps.users.update_account_state(target.id, state, deps.clock.now());
    const bool names_changed = names.name_first || names.name_last;
    if (names_changed) deps.users.update_profile(target.id, names, deps.clock.now());
    deps.profiles.write(target.id, update);
    if (names_changed || !update.empty() || state_changed) {
        // Field names only: the values are personal data, kept sealed, never in the log.
        auto changed = nlohmann::json::array();
        if (names.name_first) changed.push_back("firstName");
        if (names.name_last) changed.push_back("lastName");
        for (const auto& [stored_as, value] : update)
            changed.push_back(stored_as);
        if (state.portal_type) changed.push_back("portalType");
        if (state.email_verified) changed.push_back("emailVerified");
        if (state.suspended) changed.push_back("suspended");
        if (state.role) changed.push_back("role");
        record_user_activity(deps, ctx, target.id, "user:account.update", {{"fields", changed}});
    }

    const auto fresh = deps.users.find_by_id(target.id).value_or(target);
    return server::HttpResponse::json(
        200, {{"success", true}, {"user", user_schema_json(view_of(deps, fresh), deps.config)}});
}

}  // namespace

void register_user_update_route(server::Router& router, const HandlerDeps& deps) {
    router.add({.method = "PUT",
                .pattern = kUserPath,
                .auth = server::AuthRequirement::session_or_key,
                .gates = server::Gates::all,
                .handler = [&deps](server::RequestContext& ctx) { return update_user(deps, ctx); },
                .key_permission = "account:infos",
                .others_permission = "users:write"});
}

}  // namespace accountd::handlers::eclipanel
