-- Calagopus keys carry three permission lists. `permissions` (0009) stays the key's user
-- permissions (the account routes a key may reach, named as in Calagopus' registry, the one
-- vocabulary of every dialect's account routes); these two hold its admin and server lists.
-- NULL: the key is not limited there (Pterodactyl keys, made without any list).
ALTER TABLE api_keys
    ADD COLUMN admin_permissions LONGTEXT NULL
        CHECK (admin_permissions IS NULL OR JSON_VALID(admin_permissions)) AFTER permissions,
    ADD COLUMN server_permissions LONGTEXT NULL
        CHECK (server_permissions IS NULL OR JSON_VALID(server_permissions))
        AFTER admin_permissions;
