CREATE TABLE "triage_batch_messages" (
	"batch_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"from_folder" "folder" NOT NULL,
	CONSTRAINT "triage_batch_messages_batch_id_message_id_pk" PRIMARY KEY("batch_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "triage_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"to_folder" "folder" NOT NULL,
	"actor_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "done_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "triage_batch_messages" ADD CONSTRAINT "triage_batch_messages_batch_id_triage_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."triage_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_batch_messages" ADD CONSTRAINT "triage_batch_messages_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_batches" ADD CONSTRAINT "triage_batches_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_batches" ADD CONSTRAINT "triage_batches_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "triage_batch_messages_message_idx" ON "triage_batch_messages" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "triage_batches_mailbox_idx" ON "triage_batches" USING btree ("mailbox_id","created_at");--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_done_by_user_id_users_id_fk" FOREIGN KEY ("done_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A delegate does not start with the box's whole history unread: a message that arrived before her live
-- delegation on the box began counts as read for her, like one she has read. folder_reads.read now counts,
-- per person, box and folder, the messages she has a read mark on OR that arrived before her delegation.
-- The holder or responsible of a box has no delegation on it: only her marks count.
CREATE FUNCTION delegated_after(person uuid, box uuid, at timestamptz) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM delegations d WHERE d.mailbox_id = box AND d.user_id = person AND d.revoked_at IS NULL AND d.valid_from > at)
$$;--> statement-breakpoint
-- Who does not count a message as unread: whoever read it, and the delegates whose delegation began after it arrived.
CREATE FUNCTION counted_readers(box uuid, message uuid, at timestamptz) RETURNS TABLE (user_id uuid) LANGUAGE sql STABLE AS $$
  SELECT r.user_id FROM message_reads r WHERE r.message_id = message
  UNION
  SELECT d.user_id FROM delegations d WHERE d.mailbox_id = box AND d.revoked_at IS NULL AND d.valid_from > at
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION folder_counts_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM folder_counts;
  DELETE FROM folder_reads;
  INSERT INTO folder_counts (mailbox_id, folder, total) SELECT mailbox_id, folder, count(*) FROM messages GROUP BY 1, 2;
  INSERT INTO folder_reads (user_id, mailbox_id, folder, read)
    SELECT user_id, mailbox_id, folder, count(*) FROM (
      SELECT r.user_id, m.id, m.mailbox_id, m.folder FROM message_reads r JOIN messages m ON m.id = r.message_id
      UNION
      SELECT d.user_id, m.id, m.mailbox_id, m.folder FROM delegations d JOIN messages m ON m.mailbox_id = d.mailbox_id AND m.received_at < d.valid_from
        WHERE d.revoked_at IS NULL
    ) counted GROUP BY 1, 2, 3;
$$;--> statement-breakpoint
-- As in 0015 for deletions (one row at a time, before the row and its read marks go), with the readers of
-- counted_readers(); the decrement is an upsert, so it never depends on the order in which a transaction's
-- changes are counted.
CREATE OR REPLACE FUNCTION folder_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO folder_counts AS c (mailbox_id, folder, total) VALUES (OLD.mailbox_id, OLD.folder, -1)
    ON CONFLICT (mailbox_id, folder) DO UPDATE SET total = c.total - 1;
  INSERT INTO folder_reads AS f (user_id, mailbox_id, folder, read)
    SELECT r.user_id, OLD.mailbox_id, OLD.folder, -1 FROM counted_readers(OLD.mailbox_id, OLD.id, OLD.received_at) r
    ON CONFLICT (user_id, mailbox_id, folder) DO UPDATE SET read = f.read - 1;
  RETURN OLD;
END $$;--> statement-breakpoint
-- Moves are counted once per statement, from its transition tables: a bulk move of 1,000 messages is two
-- grouped upserts instead of 1,000 trigger calls. A statement trigger cannot name columns when it reads
-- transition tables, so it runs after every update of messages and keeps only the rows whose folder changed.
CREATE FUNCTION folder_counts_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO folder_counts AS c (mailbox_id, folder, total)
    SELECT mailbox_id, folder, sum(delta) FROM (
      SELECT o.mailbox_id, o.folder, -1 AS delta FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.folder <> o.folder
      UNION ALL
      SELECT n.mailbox_id, n.folder, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.folder <> o.folder
    ) moves GROUP BY 1, 2
    ON CONFLICT (mailbox_id, folder) DO UPDATE SET total = c.total + excluded.total;
  INSERT INTO folder_reads AS f (user_id, mailbox_id, folder, read)
    SELECT user_id, mailbox_id, folder, sum(delta) FROM (
      SELECT r.user_id, o.mailbox_id, o.folder, -1 AS delta FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL counted_readers(o.mailbox_id, o.id, o.received_at) r WHERE n.folder <> o.folder
      UNION ALL
      SELECT r.user_id, n.mailbox_id, n.folder, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL counted_readers(n.mailbox_id, n.id, n.received_at) r WHERE n.folder <> o.folder
    ) moves GROUP BY 1, 2, 3
    ON CONFLICT (user_id, mailbox_id, folder) DO UPDATE SET read = f.read + excluded.read;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER messages_counts_move ON "messages";--> statement-breakpoint
CREATE TRIGGER messages_counts_moved AFTER UPDATE ON "messages" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION folder_counts_moved();--> statement-breakpoint
-- At commit, as in 0015: a new message counts as read only for the delegates who came after it (mail
-- arriving now has none: only an import of older mail or a backdated copy finds some). Read marks given in
-- the same transaction were counted by folder_reads_added(), which skips those delegates.
CREATE OR REPLACE FUNCTION folder_counts_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO folder_counts AS c (mailbox_id, folder, total) VALUES (NEW.mailbox_id, NEW.folder, 1)
    ON CONFLICT (mailbox_id, folder) DO UPDATE SET total = c.total + 1;
  INSERT INTO folder_reads AS f (user_id, mailbox_id, folder, read)
    SELECT d.user_id, NEW.mailbox_id, NEW.folder, 1 FROM delegations d
    WHERE d.mailbox_id = NEW.mailbox_id AND d.revoked_at IS NULL AND d.valid_from > NEW.received_at
    ON CONFLICT (user_id, mailbox_id, folder) DO UPDATE SET read = f.read + 1;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Read marks given or taken back, counted once per statement (marking 1,000 messages read is one grouped
-- upsert). A mark on a message that already counts as read for her (it came before her delegation) changes
-- nothing; marks deleted with their message find it gone, and folder_counts_track() has counted them.
CREATE FUNCTION folder_reads_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO folder_reads AS f (user_id, mailbox_id, folder, read)
    SELECT a.user_id, m.mailbox_id, m.folder, count(*) FROM added a JOIN messages m ON m.id = a.message_id
    WHERE NOT delegated_after(a.user_id, m.mailbox_id, m.received_at)
    GROUP BY 1, 2, 3
    ON CONFLICT (user_id, mailbox_id, folder) DO UPDATE SET read = f.read + excluded.read;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION folder_reads_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE folder_reads f SET read = f.read - gone.n FROM (
    SELECT r.user_id, m.mailbox_id, m.folder, count(*) AS n FROM removed r JOIN messages m ON m.id = r.message_id
    WHERE NOT delegated_after(r.user_id, m.mailbox_id, m.received_at)
    GROUP BY 1, 2, 3
  ) gone
  WHERE f.user_id = gone.user_id AND f.mailbox_id = gone.mailbox_id AND f.folder = gone.folder;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER message_reads_counts ON "message_reads";--> statement-breakpoint
DROP FUNCTION folder_reads_track();--> statement-breakpoint
CREATE TRIGGER message_reads_added AFTER INSERT ON "message_reads" REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION folder_reads_added();--> statement-breakpoint
CREATE TRIGGER message_reads_removed AFTER DELETE ON "message_reads" REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION folder_reads_removed();--> statement-breakpoint
-- A delegation granted, revoked or moved in time: her counts on that box recomputed from its messages, once
-- (one pass over the box by its date index, at the rare moment a delegation changes, never on a page).
CREATE FUNCTION folder_reads_rebase() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE folder_reads SET read = 0 WHERE user_id = NEW.user_id AND mailbox_id = NEW.mailbox_id;
  INSERT INTO folder_reads AS f (user_id, mailbox_id, folder, read)
    SELECT NEW.user_id, m.mailbox_id, m.folder, count(*) FROM messages m
    WHERE m.mailbox_id = NEW.mailbox_id
      AND (m.received_at < coalesce((SELECT d.valid_from FROM delegations d
             WHERE d.mailbox_id = NEW.mailbox_id AND d.user_id = NEW.user_id AND d.revoked_at IS NULL), '-infinity')
        OR EXISTS (SELECT 1 FROM message_reads r WHERE r.message_id = m.id AND r.user_id = NEW.user_id))
    GROUP BY m.mailbox_id, m.folder
    ON CONFLICT (user_id, mailbox_id, folder) DO UPDATE SET read = excluded.read;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER delegations_rebase_reads AFTER INSERT OR UPDATE OF valid_from, revoked_at ON "delegations" FOR EACH ROW EXECUTE FUNCTION folder_reads_rebase();--> statement-breakpoint
SELECT folder_counts_rebuild();
