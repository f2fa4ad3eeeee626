-- Every account key gets the public uuid Calagopus addresses keys by: keys stored before 0009
-- (and any inserted without one) could otherwise be listed but never edited, recreated or
-- deleted from Calagopus. MariaDB's UUID() is lowercase and hyphenated, as the panels show uuids.
UPDATE api_keys SET uuid = UUID() WHERE uuid IS NULL;
