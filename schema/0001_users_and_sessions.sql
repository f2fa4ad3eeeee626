-- Users: the superset of the Pterodactyl, Calagopus and EcliPanel profile fields.
-- utf8mb4_unicode_ci makes username and e-mail uniqueness and lookups case-insensitive,
-- as all three panels behave on MySQL.
CREATE TABLE users (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid CHAR(36) NOT NULL,
    external_id VARCHAR(191) NULL,
    username VARCHAR(191) NOT NULL,
    email VARCHAR(191) NOT NULL,
    name_first VARCHAR(191) NOT NULL DEFAULT '',
    name_last VARCHAR(191) NOT NULL DEFAULT '',
    password_hash VARCHAR(255) NULL,
    root_admin TINYINT(1) NOT NULL DEFAULT 0,
    role VARCHAR(64) NULL,
    language VARCHAR(15) NOT NULL DEFAULT 'en',
    toast_position VARCHAR(16) NOT NULL DEFAULT 'bottom_right',
    start_on_grouped_servers TINYINT(1) NOT NULL DEFAULT 0,
    portal_type VARCHAR(32) NOT NULL DEFAULT 'free',
    email_verified TINYINT(1) NOT NULL DEFAULT 0,
    suspended TINYINT(1) NOT NULL DEFAULT 0,
    totp_enabled TINYINT(1) NOT NULL DEFAULT 0,
    -- AES-256-GCM ciphertext under a server key; never plaintext.
    totp_secret VARBINARY(255) NULL,
    -- Last accepted TOTP time step, so each step is accepted once.
    totp_last_step BIGINT NULL,
    settings LONGTEXT NULL CHECK (settings IS NULL OR JSON_VALID(settings)),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE KEY users_uuid_unique (uuid),
    UNIQUE KEY users_external_id_unique (external_id),
    UNIQUE KEY users_username_unique (username),
    UNIQUE KEY users_email_unique (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per browser session. The token itself is never stored: token_hash is its
-- HMAC-SHA256 under a server key.
CREATE TABLE sessions (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    public_id CHAR(36) NOT NULL,
    token_hash BINARY(32) NOT NULL,
    user_id BIGINT UNSIGNED NOT NULL,
    dialect VARCHAR(16) NOT NULL,
    ip VARCHAR(45) NOT NULL,
    user_agent VARCHAR(255) NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    last_used_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL,
    UNIQUE KEY sessions_public_id_unique (public_id),
    UNIQUE KEY sessions_token_hash_unique (token_hash),
    KEY sessions_user_id_index (user_id),
    KEY sessions_expires_at_index (expires_at),
    CONSTRAINT sessions_user_id_foreign FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
