-- First and last names are personal data: they are stored as AES-256-GCM boxes under the
-- server's sealing key ring (db/personal_fields.hpp), which are bytes, not text. A name of 255
-- characters of up to 4 bytes each, plus the box's 30 bytes, fits. Names written before this
-- migration stay readable as they are and are sealed the next time they are written.
ALTER TABLE users MODIFY name_first VARBINARY(1100) NOT NULL DEFAULT '',
    MODIFY name_last VARBINARY(1100) NOT NULL DEFAULT '';
