-- Keys of every dialect in one table. `format` names the dialect's token format that minted the
-- key (pterodactyl: "ptlc_" + 11 + 32; calagopus: "c7sp_" + 11 + 32; eclipanel: 64 hex), so
-- each dialect lists, counts and deletes only its own. `uuid` is the public id panels that
-- address keys by UUID use. `permissions` is a JSON array of the permission names (in the
-- dialect's own spelling) the key is limited to; NULL gives the key its owner's whole account,
-- as Pterodactyl's account keys have.
ALTER TABLE api_keys
    ADD COLUMN uuid CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER id,
    ADD COLUMN format VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
        DEFAULT 'pterodactyl' AFTER key_type,
    ADD COLUMN permissions LONGTEXT NULL
        CHECK (permissions IS NULL OR JSON_VALID(permissions)) AFTER allowed_ips,
    ADD UNIQUE KEY api_keys_uuid_unique (uuid),
    ADD KEY api_keys_user_format_index (user_id, format);
