#include "handlers/eclipanel/register_handler.hpp"

#include <array>
#include <utility>

#include "handlers/eclipanel/profile_rules.hpp"
#include "handlers/eclipanel/rate_limit.hpp"
#include "handlers/eclipanel/refusal.hpp"
#include "handlers/eclipanel/user_target.hpp"
#include "server/json_body.hpp"
#include "services/text.hpp"
#include "services/user_service.hpp"

namespace accountd::handlers::eclipanel {
namespace {

namespace field = services::profile_field;
using services::Rule;
using services::ServiceError;

// The optional strings of the body schema: wire name -> profile field (null: the account row's).
// middleName and displayName are kept, which EcliPanel drops (§15.15).
constexpr std::array<std::pair<const char*, const char*>, 14> kProfileFields = {{
    {"firstName", nullptr},
    {"lastName", nullptr},
    {"middleName", field::middle_name},
    {"displayName", field::display_name},
    {"title", field::title},
    {"gender", field::gender},
    {"address", field::address},
    {"address2", field::address2},
    {"billingCompany", field::billing_company},
    {"billingCity", field::billing_city},
    {"billingState", field::billing_state},
    {"billingZip", field::billing_zip},
    {"billingCountry", field::billing_country},
    {"phone", field::phone},
}};

constexpr std::array<const char*, 6> kRequired = {"firstName",   "lastName",   "address",
                                                  "billingCity", "billingZip", "billingCountry"};

// A fresh EcliPanel account's notification settings (§5.1).
const char* const kDefaultSettings =
    R"({"notifications":{"serverAlerts":false,"serverLifecycle":false,"serverErrors":false,)"
    R"("serverActivity":false,"billing":true,"security":true,"productUpdates":true,)"
    R"("tickets":true,"aiUsage":true}})";

// An optional schema string: absent is nullopt; anything but a string (null included) or one
// longer than `most` characters breaks the schema (422).
std::optional<std::string> schema_string(const nlohmann::json& body, const char* name,
                                         std::size_t most) {
    const auto it = body.find(name);
    if (it == body.end()) return std::nullopt;
    if (!it->is_string()) throw ServiceError::invalid(name, Rule::string);
    auto value = it->get<std::string>();
    if (most != 0 && services::utf8_length(value) > most)
        throw ServiceError::invalid(name, Rule::max);
    return value;
}

struct Registration {
    std::string email;
    std::string password;
    std::string date_of_birth;
    std::map<std::string, std::string> fields;  ///< wire name -> value, as sent
};

// Elysia's body schema (§5.1's table): every violation is 422 {"error":"Request error"}.
Registration read_schema(const nlohmann::json& body) {
    Registration r;
    const auto required = [&](const char* name, std::size_t most) {
        auto value = schema_string(body, name, most);
        if (!value) throw ServiceError::invalid(name, Rule::required);
        return *value;
    };
    r.email = required("email", 254);
    const auto at = r.email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == r.email.size()) {
        throw ServiceError::invalid("email", Rule::email);
    }
    r.password = required("password", 128);
    if (services::utf8_length(r.password) < 8) throw ServiceError::invalid("password", Rule::min);
    r.date_of_birth = required("dateOfBirth", 64);
    for (const auto& [wire, stored_as] : kProfileFields) {
        if (auto value = schema_string(body, wire, max_length(wire))) r.fields[wire] = *value;
    }
    for (const char* name : {"captchaToken", "captchaAnswer", "invisibleCaptchaToken"})
        (void)schema_string(body, name, 0);
    if (const auto it = body.find("invisibleCaptchaDelay"); it != body.end() && !it->is_number()) {
        throw ServiceError::invalid("invisibleCaptchaDelay", Rule::integer);
    }
    if (const auto it = body.find("behaviorData"); it != body.end() && !it->is_object()) {
        throw ServiceError::invalid("behaviorData", Rule::string);
    }
    return r;
}

// EcliPanel has no usernames; the other dialects need one: the e-mail's local part, cut to fit
// Calagopus' 3-15 characters of [a-z0-9_], and a random suffix.
std::string derive_username(const std::string& email, crypto::RandomSource& random) {
    std::string base;
    for (const char c : services::ascii_lower(email.substr(0, email.find('@')))) {
        if (base.size() == 10) break;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '_' && !base.empty())) {
            base += c;
        }
    }
    if (base.empty()) base = "user";
    static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    base += '_';
    for (const auto byte : random.bytes(4))
        base += kAlphabet[static_cast<unsigned char>(byte) % kAlphabet.size()];
    return base;
}

[[noreturn]] void refuse_fields(const std::vector<std::string>& problems) {
    std::string joined;
    for (const auto& problem : problems) {
        if (!joined.empty()) joined += "; ";
        joined += problem;
    }
    refuse(400, joined);
}

server::HttpResponse register_user(const HandlerDeps& deps, server::RequestContext& ctx) {
    // Off, the route is as if it were not there: nothing is parsed or counted (a clearer body
    // than EcliPanel's raw "common.featureDisabled", §15.13).
    if (!deps.config.registration_enabled) {
        return server::HttpResponse::json(503,
                                          {{"error", "registration_disabled"},
                                           {"message", "Registration is currently disabled."}});
    }
    const auto r = read_schema(server::parse_json_object(ctx));
    // Step 1.
    spend_limit(deps, "registration:ip:" + ctx.client_ip, deps.config.eclipanel_register_limit);
    // Step 3: every missing field at once.
    std::vector<std::string> missing;
    for (const char* name : kRequired) {
        const auto it = r.fields.find(name);
        if (it == r.fields.end() || services::trim(it->second).empty()) {
            missing.push_back(std::string(name) + ": This field is required");
        }
    }
    if (!missing.empty()) refuse_fields(missing);
    // Step 5: no captcha provider is configured, so none is demanded.
    // Step 6.
    if (!is_email_shaped(r.email)) {
        refuse(400, "email: Please provide a valid email address (e.g. user@example.com).");
    }
    // Step 7.
    const auto birth = parse_date_of_birth(r.date_of_birth);
    if (!birth) {
        refuse(400, "dateOfBirth: Please provide a valid date of birth in YYYY-MM-DD format.");
    }
    const std::chrono::year_month_day today{
        std::chrono::floor<std::chrono::days>(deps.clock.now())};
    const int age = age_on(*birth, today);
    const int least = minimum_age(r.fields.at("billingCountry"));
    if (age < least) {
        refuse(400, "dateOfBirth: The provided age is below the minimum allowed age of " +
                        std::to_string(least) + " for your country.");
    }
    if (age > kMaximumAge) {
        refuse(400,
               "dateOfBirth: The provided age is suspicious or not allowed by our policies. "
               "Please check the date of birth you entered.");
    }
    // Step 8: EcliPanel's composition rules, then accountd's policy.
    const auto problems = password_complexity_problems(r.password);
    if (!problems.empty()) {
        std::string joined;
        for (const auto& problem : problems) {
            if (!joined.empty()) joined += ' ';
            joined += problem;
        }
        refuse(400, "password: " + joined);
    }
    services::User probe;
    probe.email = r.email;
    probe.name_first = r.fields.at("firstName");
    probe.name_last = r.fields.at("lastName");
    if (const auto problem = deps.accounts.password_problem(probe, r.password)) {
        refuse(400, "password: " + policy_message(*problem));
    }
    // Step 12 (a taken address, any case, is 409 before a username is drawn).
    if (deps.users.find_by_email(r.email)) {
        refuse(409, "An account with that email address already exists.");
    }
    services::NewUser input;
    input.email = r.email;
    input.name_first = probe.name_first;
    input.name_last = probe.name_last;
    input.password = r.password;
    input.root_admin = deps.config.registration_first_user_admin && !deps.users.has_any_user();
    services::User user;
    for (int attempt = 0;; ++attempt) {
        input.username = derive_username(r.email, deps.random);
        try {
            user = deps.user_service.create(input);
            break;
        } catch (const services::InvalidUser& e) {
            if (e.field() == "email") {
                refuse(400, "email: Please provide a valid email address (e.g. user@example.com).");
            }
            refuse(400, std::string(e.field()) + ": " + e.what());
        } catch (const services::DuplicateUser&) {
            // The address was taken meanwhile, or (rarely) the drawn username: draw again.
            if (attempt == 2 || deps.users.find_by_email(r.email)) {
                refuse(409, "An account with that email address already exists.");
            }
        }
    }
    services::ProfileUpdate update;
    for (const auto& [wire, stored_as] : kProfileFields) {
        const auto it = r.fields.find(wire);
        if (stored_as != nullptr && it != r.fields.end()) update[stored_as] = it->second;
    }
    update[field::date_of_birth] = format_date(*birth);
    update[field::settings] = std::string(kDefaultSettings);
    deps.profiles.write(user.id, update);
    return server::HttpResponse::json(
        200, {{"success", true}, {"user", user_schema_json(view_of(deps, user), deps.config)}});
}

}  // namespace

void register_registration_route(server::Router& router, const HandlerDeps& deps) {
    router.add(
        {.method = "POST",
         .pattern = kRegisterPath,
         .auth = server::AuthRequirement::none,
         .gates = server::Gates::all,
         .handler = [&deps](server::RequestContext& ctx) { return register_user(deps, ctx); }});
}

}  // namespace accountd::handlers::eclipanel
