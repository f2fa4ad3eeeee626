#include "handlers/pterodactyl/activity_transformer.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "handlers/common/time_format.hpp"
#include "services/text.hpp"

namespace accountd::handlers::pterodactyl {
namespace {

// The `:name` fields in Pterodactyl's English text of each account event; properties named
// there are shown in the sentence and are not "additional metadata".
const std::set<std::string>& sentence_fields_of(const std::string& event) {
    static const std::map<std::string, std::set<std::string>> table = {
        {"user:account.email-changed", {"old", "new"}}, {"auth:ip-blocked", {"identifier"}},
        {"user:api-key.create", {"identifier"}},        {"user:api-key.delete", {"identifier"}},
        {"user:ssh-key.create", {"fingerprint"}},       {"user:ssh-key.delete", {"fingerprint"}},
    };
    static const std::set<std::string> none;
    const auto it = table.find(event);
    return it == table.end() ? none : it->second;
}

nlohmann::ordered_json displayed_properties(const services::ActivityEntry& entry,
                                            bool requester_is_actor) {
    auto stored = nlohmann::ordered_json::parse(entry.properties_json, nullptr, false);
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    if (!stored.is_object()) return out;
    std::vector<std::string> counted;
    for (auto& [key, value] : stored.items()) {
        out[key] =
            (key == "ip" && !requester_is_actor) ? nlohmann::ordered_json("[hidden]") : value;
        if (value.is_array()) counted.push_back(key);
    }
    for (const auto& key : counted)
        out[key + "_count"] = stored[key].size();
    if (counted.size() == 1) {
        out["count"] = out[counted[0] + "_count"];
        out.erase(counted[0] + "_count");
    }
    return out;
}

bool has_additional_metadata(const services::ActivityEntry& entry) {
    const auto stored = nlohmann::json::parse(entry.properties_json, nullptr, false);
    if (!stored.is_object()) return false;
    const auto& shown = sentence_fields_of(entry.event);
    return std::any_of(stored.items().begin(), stored.items().end(), [&](const auto& item) {
        const auto& key = item.key();
        return key != "ip" && key != "useragent" && key != "using_sftp" && !shown.contains(key);
    });
}

}  // namespace

nlohmann::ordered_json actor_item(const services::User& user) {
    const std::string email = services::ascii_lower(user.email);
    return {{"object", "user"},
            {"attributes",
             {{"uuid", user.uuid},
              {"username", user.username},
              {"email", user.email},
              {"image", "https://gravatar.com/avatar/" + crypto::to_hex(crypto::md5(email))},
              {"2fa_enabled", user.totp_enabled},
              {"created_at", atom_string(user.created_at)}}}};
}

nlohmann::ordered_json activity_item(const services::ActivityEntry& entry,
                                     const services::User& requester, bool include_actor) {
    const bool requester_is_actor = entry.actor_id && *entry.actor_id == requester.id;
    nlohmann::ordered_json attributes = {
        // A rendering key only: SHA-1 of the row id, as Pterodactyl sends it.
        {"id", crypto::to_hex(crypto::sha1(std::to_string(entry.id)))},
        {"batch", nullptr},
        {"event", entry.event},
        {"is_api", entry.api_key_id.has_value()},
        {"ip", requester_is_actor || requester.root_admin ? nlohmann::ordered_json(entry.ip)
                                                          : nlohmann::ordered_json()},
        {"description",
         entry.description ? nlohmann::ordered_json(*entry.description) : nlohmann::ordered_json()},
        {"properties", displayed_properties(entry, requester_is_actor)},
        {"has_additional_metadata", has_additional_metadata(entry)},
        {"timestamp", atom_string(entry.created_at)},
    };
    if (include_actor) {
        attributes["relationships"] = {
            {"actor", entry.actor ? actor_item(*entry.actor)
                                  : nlohmann::ordered_json{{"object", "null_resource"},
                                                           {"attributes", nullptr}}}};
    }
    return {{"object", "activity_log"}, {"attributes", attributes}};
}

}  // namespace accountd::handlers::pterodactyl
