-- Activity older than the retention (activity.retention_days) is deleted by age; this index
-- keeps that a range scan however large the log grows.
CREATE INDEX activity_logs_created_at_index ON activity_logs (created_at);
