-- SSH public keys of a user (for SFTP). The fingerprint is unpadded base64, so it is compared
-- byte for byte (ascii_bin), never case-insensitively.
CREATE TABLE ssh_keys (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uuid CHAR(36) NOT NULL,
    user_id BIGINT UNSIGNED NOT NULL,
    name VARCHAR(191) NOT NULL,
    fingerprint VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    public_key TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    UNIQUE KEY ssh_keys_uuid_unique (uuid),
    UNIQUE KEY ssh_keys_user_fingerprint_unique (user_id, fingerprint),
    KEY ssh_keys_fingerprint_index (fingerprint),
    CONSTRAINT ssh_keys_user_id_foreign FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
