-- Account activity: one row per event about a user (the subject), with who acted (actor; null
-- for a guest, e.g. a failed sign-in), from which address, and through which API key.
-- Event names are Pterodactyl's (auth:success, user:account.email-changed, ...).
CREATE TABLE activity_logs (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event VARCHAR(191) NOT NULL,
    ip VARCHAR(45) NOT NULL,
    description TEXT NULL,
    actor_id BIGINT UNSIGNED NULL,
    subject_user_id BIGINT UNSIGNED NULL,
    api_key_id BIGINT UNSIGNED NULL,
    properties LONGTEXT NOT NULL CHECK (JSON_VALID(properties)),
    created_at DATETIME NOT NULL,
    KEY activity_logs_subject_index (subject_user_id, id),
    KEY activity_logs_actor_index (actor_id),
    KEY activity_logs_event_index (event),
    CONSTRAINT activity_logs_subject_foreign FOREIGN KEY (subject_user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT activity_logs_actor_foreign FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
