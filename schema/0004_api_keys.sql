-- API keys. `identifier` is the public first part of the key (Pterodactyl: "ptlc_" + 11
-- characters); only an HMAC of the whole key is stored. key_type follows Pterodactyl: 1 = account
-- (client) key, 2 = application key (imported only; refused on the client API).
CREATE TABLE api_keys (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT UNSIGNED NOT NULL,
    key_type TINYINT UNSIGNED NOT NULL DEFAULT 1,
    identifier VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    secret_hash BINARY(32) NOT NULL,
    description TEXT NULL,
    allowed_ips LONGTEXT NOT NULL DEFAULT '[]' CHECK (JSON_VALID(allowed_ips)),
    expires_at DATETIME NULL,
    last_used_at DATETIME NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE KEY api_keys_identifier_unique (identifier),
    KEY api_keys_user_id_index (user_id),
    CONSTRAINT api_keys_user_id_foreign FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
