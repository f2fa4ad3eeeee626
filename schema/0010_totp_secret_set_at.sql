-- When the pending TOTP secret was stored: a setup shows the same secret until
-- security.totp_setup_seconds have passed, and a secret older than that cannot be enabled. Null
-- for secrets stored before (an enabled one does not need it; a pending one counts as expired).
ALTER TABLE users ADD COLUMN totp_secret_set_at DATETIME NULL AFTER totp_secret;
