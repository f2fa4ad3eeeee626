-- Wrong codes sent with one confirmation token. After security.checkpoint_max_failures of them
-- the pending sign-in is deleted, so the password has to be given again (ASVS 2.2.1).
ALTER TABLE pending_logins ADD COLUMN failures INT UNSIGNED NOT NULL DEFAULT 0;
