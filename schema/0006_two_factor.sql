-- Two-factor recovery codes: each stored as HMAC-SHA256(server key, salt || code) with its own
-- salt, usable once.
CREATE TABLE recovery_codes (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT UNSIGNED NOT NULL,
    salt BINARY(16) NOT NULL,
    code_hash BINARY(32) NOT NULL,
    created_at DATETIME NOT NULL,
    KEY recovery_codes_user_id_index (user_id),
    CONSTRAINT recovery_codes_user_id_foreign FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A password sign-in waiting for its second factor. Only an HMAC of the confirmation token the
-- client holds is stored; the row goes when the checkpoint succeeds or the time runs out.
CREATE TABLE pending_logins (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    token_hash BINARY(32) NOT NULL,
    user_id BIGINT UNSIGNED NOT NULL,
    dialect VARCHAR(16) NOT NULL,
    expires_at DATETIME NOT NULL,
    UNIQUE KEY pending_logins_token_hash_unique (token_hash),
    KEY pending_logins_expires_at_index (expires_at),
    CONSTRAINT pending_logins_user_id_foreign FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
