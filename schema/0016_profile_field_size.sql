-- A profile field holds up to 64 KiB of settings JSON (EcliPanel's PUT cap) and a favorites
-- list of 500 entries, escaped: more than a BLOB's 65535 bytes, which would fail or cut the JSON.
ALTER TABLE user_profile_fields MODIFY value MEDIUMBLOB NOT NULL;
