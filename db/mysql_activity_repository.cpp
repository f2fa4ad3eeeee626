#include "db/mysql_activity_repository.hpp"

#include "db/like_pattern.hpp"
#include "db/time_convert.hpp"
#include "db/user_row.hpp"

namespace accountd::db {
namespace {

// "f0", "f1", ... (built with += : GCC 12 misreports "literal" + std::string at -O2).
std::string parameter_name(std::size_t i) {
    std::string name = "f";
    name += std::to_string(i);
    return name;
}

}  // namespace

void MysqlActivityRepository::insert(const services::ActivityEntry& e) {
    guarded("activity.insert", [&] {
        const std::tm created = to_tm(e.created_at);
        long long actor = e.actor_id ? static_cast<long long>(*e.actor_id) : 0;
        soci::indicator actor_ind = e.actor_id ? soci::i_ok : soci::i_null;
        long long subject = e.subject_user_id ? static_cast<long long>(*e.subject_user_id) : 0;
        soci::indicator subject_ind = e.subject_user_id ? soci::i_ok : soci::i_null;
        long long key = e.api_key_id ? static_cast<long long>(*e.api_key_id) : 0;
        soci::indicator key_ind = e.api_key_id ? soci::i_ok : soci::i_null;
        std::string description = e.description.value_or("");
        soci::indicator description_ind = e.description ? soci::i_ok : soci::i_null;
        db_.sql()
            << "INSERT INTO activity_logs (event, ip, description, actor_id, subject_user_id, "
               "api_key_id, properties, created_at) VALUES (:event, :ip, :description, :actor, "
               ":subject, :key, :properties, :created)",
            soci::use(e.event), soci::use(e.ip), soci::use(description, description_ind),
            soci::use(actor, actor_ind), soci::use(subject, subject_ind), soci::use(key, key_ind),
            soci::use(e.properties_json), soci::use(created);
        return 0;
    });
}

services::ActivityPage MysqlActivityRepository::list(const services::ActivityQuery& q) {
    return guarded("activity.list", [&] {
        // Only fixed SQL text is assembled; every value is bound by position name.
        // Every bound value is a string named :f<i>: the LIKE patterns, then the exact names.
        std::vector<std::string> patterns;
        const auto next = [&](std::string value) {
            patterns.push_back(std::move(value));
            std::string placeholder = ":";
            placeholder += parameter_name(patterns.size() - 1);
            return placeholder;
        };
        std::string where = "a.subject_user_id = :subject";
        if (!q.event_contains.empty() || !q.event_in.empty()) {
            std::string contains;
            for (const auto& f : q.event_contains) {
                contains += contains.empty() ? "(" : " OR ";
                contains += "LOWER(a.event) LIKE LOWER(" + next(contains_pattern(f)) + ")";
            }
            if (!contains.empty()) contains += ")";
            if (!contains.empty() && !q.contains_skips.empty()) {
                std::string skips;
                for (const auto& name : q.contains_skips)
                    skips += (skips.empty() ? "" : ", ") + next(name);
                contains = "(" + contains + " AND a.event NOT IN (" + skips + "))";
            }
            std::string exact;
            for (const auto& name : q.event_in)
                exact += (exact.empty() ? "" : ", ") + next(name);
            if (!exact.empty()) exact = "a.event IN (" + exact + ")";
            where += " AND (" + contains + (contains.empty() || exact.empty() ? "" : " OR ") +
                     exact + ")";
        }
        const long long subject = static_cast<long long>(q.subject_user_id);

        services::ActivityPage page;
        {
            long long total = 0;
            auto count =
                (db_.sql().prepare << "SELECT COUNT(*) FROM activity_logs a WHERE " + where);
            count, soci::use(subject, "subject");
            for (std::size_t i = 0; i < patterns.size(); ++i) {
                count, soci::use(patterns[i], parameter_name(i));
            }
            count, soci::into(total);
            soci::statement st(count);
            st.execute(true);
            page.total = static_cast<std::uint64_t>(total);
        }
        unsigned long long id = 0;
        std::string event, ip, description, properties;
        soci::indicator description_ind = soci::i_null, actor_ind = soci::i_null,
                        key_ind = soci::i_null;
        unsigned long long actor = 0, key = 0;
        std::tm created{};
        UserRow actor_row;
        const long long limit = q.limit;
        const long long offset = static_cast<long long>(q.offset);
        auto query = (db_.sql().prepare
                      << "SELECT a.id, a.event, a.ip, a.description, a.actor_id, a.api_key_id, "
                         "a.properties, a.created_at, u.id IS NOT NULL, "
                      << kUserColumns
                      << " FROM activity_logs a LEFT JOIN users u ON u.id = a.actor_id WHERE "
                      << where << " ORDER BY a.id " << (q.newest_first ? "DESC" : "ASC")
                      << " LIMIT :limit OFFSET :offset");
        int has_actor = 0;
        query, soci::into(id), soci::into(event), soci::into(ip),
            soci::into(description, description_ind), soci::into(actor, actor_ind),
            soci::into(key, key_ind), soci::into(properties), soci::into(created),
            soci::into(has_actor);
        actor_row.bind(query);
        query, soci::use(subject, "subject");
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            query, soci::use(patterns[i], parameter_name(i));
        }
        query, soci::use(limit, "limit"), soci::use(offset, "offset");
        soci::statement st(query);
        st.execute();
        while (st.fetch()) {
            services::ActivityEntry e;
            e.id = id;
            e.event = event;
            e.ip = ip;
            if (description_ind == soci::i_ok) e.description = description;
            if (actor_ind == soci::i_ok) e.actor_id = actor;
            if (key_ind == soci::i_ok) e.api_key_id = key;
            e.subject_user_id = q.subject_user_id;
            e.properties_json = properties;
            e.created_at = from_tm(created);
            if (has_actor != 0) e.actor = actor_row.to_user(db_.personal());
            page.entries.push_back(std::move(e));
        }
        return page;
    });
}

}  // namespace accountd::db
