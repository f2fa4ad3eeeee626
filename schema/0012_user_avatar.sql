-- The account's avatar, one for every dialect: its path under the avatar directory
-- (avatars/<uuid>/<8 alphanumerics>.webp), or null for none.
ALTER TABLE users ADD COLUMN avatar VARCHAR(255) NULL AFTER totp_enabled;

-- Calagopus takes first and last names of up to 255 bytes: the columns hold as many characters.
ALTER TABLE users MODIFY name_first VARCHAR(255) NOT NULL DEFAULT '',
    MODIFY name_last VARCHAR(255) NOT NULL DEFAULT '';
