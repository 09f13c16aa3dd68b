-- Accents folded the same way for stored messages and for queries (db/queries/search.ts); upper-case
-- accented letters are mapped explicitly because lower() only folds ASCII under the C locale (PGlite).
CREATE FUNCTION mail_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(translate(t, 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝ', 'aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuy'))
$$;--> statement-breakpoint
CREATE TABLE "folder_counts" (
	"mailbox_id" uuid NOT NULL,
	"folder" "folder" NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "folder_counts_mailbox_id_folder_pk" PRIMARY KEY("mailbox_id","folder")
);
--> statement-breakpoint
CREATE TABLE "folder_reads" (
	"user_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"folder" "folder" NOT NULL,
	"read" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "folder_reads_user_id_mailbox_id_folder_pk" PRIMARY KEY("user_id","mailbox_id","folder")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "body_html" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "attachment_names" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('french'::regconfig, mail_fold(coalesce(subject, '') || ' ' || coalesce(from_name, '') || ' ' || from_address || ' ' || jsonb_path_query_array("to", '$[*].name')::text || ' ' || jsonb_path_query_array("to", '$[*].address')::text || ' ' || jsonb_path_query_array(cc, '$[*].name')::text || ' ' || jsonb_path_query_array(cc, '$[*].address')::text || ' ' || coalesce(attachment_names, '') || ' ' || body_text))) STORED;--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search");--> statement-breakpoint
-- A message's attachment names as search reads them, cut into words ("bilan-thyroidien.pdf" would be one token).
CREATE FUNCTION attachment_names_of(message uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT regexp_replace(string_agg(filename, ' ' ORDER BY created_at), '[._-]+', ' ', 'g') FROM attachments WHERE message_id = message
$$;--> statement-breakpoint
UPDATE "messages" SET "attachment_names" = attachment_names_of(id) WHERE id IN (SELECT message_id FROM "attachments");--> statement-breakpoint
-- The counters recomputed from the messages themselves: here for existing mail, and after bulk loads made without triggers (scripts/bench.ts).
CREATE FUNCTION folder_counts_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM folder_counts;
  DELETE FROM folder_reads;
  INSERT INTO folder_counts (mailbox_id, folder, total) SELECT mailbox_id, folder, count(*) FROM messages GROUP BY 1, 2;
  INSERT INTO folder_reads (user_id, mailbox_id, folder, read) SELECT r.user_id, m.mailbox_id, m.folder, count(*) FROM message_reads r JOIN messages m ON m.id = r.message_id GROUP BY 1, 2, 3;
$$;--> statement-breakpoint
SELECT folder_counts_rebuild();--> statement-breakpoint
-- A message arriving, leaving or changing folder moves the box's totals and, for each person who has
-- read it, her read count. Deletion is handled before the row goes: the cascade removes its read marks.
CREATE FUNCTION folder_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE folder_counts SET total = total - 1 WHERE mailbox_id = OLD.mailbox_id AND folder = OLD.folder;
    UPDATE folder_reads f SET read = f.read - 1 FROM message_reads r
      WHERE r.message_id = OLD.id AND f.user_id = r.user_id AND f.mailbox_id = OLD.mailbox_id AND f.folder = OLD.folder;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO folder_counts AS c (mailbox_id, folder, total) VALUES (NEW.mailbox_id, NEW.folder, 1)
      ON CONFLICT (mailbox_id, folder) DO UPDATE SET total = c.total + 1;
    INSERT INTO folder_reads AS f (user_id, mailbox_id, folder, read)
      SELECT r.user_id, NEW.mailbox_id, NEW.folder, 1 FROM message_reads r WHERE r.message_id = NEW.id
      ON CONFLICT (user_id, mailbox_id, folder) DO UPDATE SET read = f.read + 1;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_counts_insert AFTER INSERT ON "messages" FOR EACH ROW EXECUTE FUNCTION folder_counts_track();--> statement-breakpoint
CREATE TRIGGER messages_counts_move AFTER UPDATE OF folder ON "messages" FOR EACH ROW WHEN (OLD.folder IS DISTINCT FROM NEW.folder) EXECUTE FUNCTION folder_counts_track();--> statement-breakpoint
CREATE TRIGGER messages_counts_delete BEFORE DELETE ON "messages" FOR EACH ROW EXECUTE FUNCTION folder_counts_track();--> statement-breakpoint
-- A read mark given or taken back; when the message itself is being deleted it is no longer found and
-- folder_counts_track() has already counted it.
CREATE FUNCTION folder_reads_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO folder_reads AS f (user_id, mailbox_id, folder, read)
      SELECT NEW.user_id, m.mailbox_id, m.folder, 1 FROM messages m WHERE m.id = NEW.message_id
      ON CONFLICT (user_id, mailbox_id, folder) DO UPDATE SET read = f.read + 1;
  ELSE
    UPDATE folder_reads f SET read = f.read - 1 FROM messages m
      WHERE m.id = OLD.message_id AND f.user_id = OLD.user_id AND f.mailbox_id = m.mailbox_id AND f.folder = m.folder;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER message_reads_counts AFTER INSERT OR DELETE ON "message_reads" FOR EACH ROW EXECUTE FUNCTION folder_reads_track();--> statement-breakpoint
-- Attachment names are part of the message's search text. Once per statement, not per row: forwarding
-- files to ten recipients is one insert of many rows, and each update recomputes the message's tsvector.
CREATE FUNCTION attachment_names_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE messages SET attachment_names = attachment_names_of(id) WHERE id IN (SELECT DISTINCT message_id FROM changed);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER attachments_names_added AFTER INSERT ON "attachments" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION attachment_names_track();--> statement-breakpoint
CREATE TRIGGER attachments_names_removed AFTER DELETE ON "attachments" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION attachment_names_track();