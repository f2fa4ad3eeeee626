#include "services/activity_service.hpp"

namespace accountd::services {

void ActivityService::record(const ActivityEvent& event) {
    ActivityEntry entry;
    entry.event = event.event;
    entry.ip = event.ip.substr(0, 45);
    entry.actor_id = event.actor_id;
    entry.subject_user_id = event.subject_user_id;
    entry.api_key_id = event.api_key_id;
    entry.properties_json =
        event.properties.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    entry.created_at = clock_.now();
    repository_.insert(entry);
}

}  // namespace accountd::services
