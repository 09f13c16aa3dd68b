-- 0001 and 0006 were edited after some databases had applied them, and the migrator never re-runs an
-- applied file: such databases lack what those files gained later. Their final definitions again, so
-- every database converges on the fresh schema; on a database migrated fresh this changes nothing.
-- From 0001 (databases migrated before audit appends became one round trip).
CREATE OR REPLACE FUNCTION audit_chain_head(lock_key bigint) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head text;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  SELECT hash INTO head FROM audit_log ORDER BY id DESC LIMIT 1;
  IF head IS NULL THEN
    SELECT prev_hash INTO head FROM audit_checkpoints ORDER BY id DESC LIMIT 1;
  END IF;
  RETURN head;
END
$$;--> statement-breakpoint
-- From 0006 (databases migrated before attachment names were cut into words and tracked per statement).
CREATE OR REPLACE FUNCTION attachment_names_of(message uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT regexp_replace(string_agg(filename, ' ' ORDER BY created_at), '[._-]+', ' ', 'g') FROM attachments WHERE message_id = message
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION folder_counts_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM folder_counts;
  DELETE FROM folder_reads;
  INSERT INTO folder_counts (mailbox_id, folder, total) SELECT mailbox_id, folder, count(*) FROM messages GROUP BY 1, 2;
  INSERT INTO folder_reads (user_id, mailbox_id, folder, read) SELECT r.user_id, m.mailbox_id, m.folder, count(*) FROM message_reads r JOIN messages m ON m.id = r.message_id GROUP BY 1, 2, 3;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS attachments_names ON "attachments";--> statement-breakpoint
CREATE OR REPLACE FUNCTION attachment_names_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE messages SET attachment_names = attachment_names_of(id) WHERE id IN (SELECT DISTINCT message_id FROM changed);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER attachments_names_added AFTER INSERT ON "attachments" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION attachment_names_track();--> statement-breakpoint
CREATE OR REPLACE TRIGGER attachments_names_removed AFTER DELETE ON "attachments" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION attachment_names_track();--> statement-breakpoint
-- Names stored whole by the first 0006 ("bilan-thyroidien.pdf" as one search token); rows already right are not rewritten.
UPDATE "messages" SET "attachment_names" = attachment_names_of(id)
  WHERE id IN (SELECT message_id FROM "attachments") AND "attachment_names" IS DISTINCT FROM attachment_names_of(id);
