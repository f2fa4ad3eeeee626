-- Profile fields beyond the shared name and e-mail (EcliPanel's title, address, phone, billing
-- fields, date of birth, settings, consent...): one row per user and field. The personal ones
-- are AES-256-GCM boxes under a server key, bound to their user and field (services/
-- profile_service); the database never holds them in clear text.
CREATE TABLE user_profile_fields (
    user_id BIGINT UNSIGNED NOT NULL,
    field VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    value BLOB NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (user_id, field),
    CONSTRAINT user_profile_fields_user_id_foreign FOREIGN KEY (user_id) REFERENCES users (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
