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
-- As in 0015, with the readers of counted_readers(); the decrement is an upsert too, so it never depends on
-- the order in which a transaction's changes are counted (a row inserted and deleted before its commit).
CREATE OR REPLACE FUNCTION folder_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO folder_counts AS c (mailbox_id, folder, total) VALUES (OLD.mailbox_id, OLD.folder, -1)
      ON CONFLICT (mailbox_id, folder) DO UPDATE SET total = c.total - 1;
    INSERT INTO folder_reads AS f (user_id, mailbox_id, folder, read)
      SELECT r.user_id, OLD.mailbox_id, OLD.folder, -1 FROM counted_readers(OLD.mailbox_id, OLD.id, OLD.received_at) r
      ON CONFLICT (user_id, mailbox_id, folder) DO UPDATE SET read = f.read - 1;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO folder_counts AS c (mailbox_id, folder, total) VALUES (NEW.mailbox_id, NEW.folder, 1)
      ON CONFLICT (mailbox_id, folder) DO UPDATE SET total = c.total + 1;
    INSERT INTO folder_reads AS f (user_id, mailbox_id, folder, read)
      SELECT r.user_id, NEW.mailbox_id, NEW.folder, 1 FROM counted_readers(NEW.mailbox_id, NEW.id, NEW.received_at) r
      ON CONFLICT (user_id, mailbox_id, folder) DO UPDATE SET read = f.read + 1;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- At commit, as in 0015: a new message counts as read only for the delegates who came after it (mail
-- arriving now has none: only an import of older mail or a backdated copy finds some). Read marks given in
-- the same transaction were counted by folder_reads_track(), which skips those delegates.
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
-- A read mark on a message that already counts as read for her (it came before her delegation) changes nothing.
CREATE OR REPLACE FUNCTION folder_reads_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO folder_reads AS f (user_id, mailbox_id, folder, read)
      SELECT NEW.user_id, m.mailbox_id, m.folder, 1 FROM messages m
      WHERE m.id = NEW.message_id AND NOT delegated_after(NEW.user_id, m.mailbox_id, m.received_at)
      ON CONFLICT (user_id, mailbox_id, folder) DO UPDATE SET read = f.read + 1;
  ELSE
    UPDATE folder_reads f SET read = f.read - 1 FROM messages m
      WHERE m.id = OLD.message_id AND f.user_id = OLD.user_id AND f.mailbox_id = m.mailbox_id AND f.folder = m.folder
        AND NOT delegated_after(OLD.user_id, m.mailbox_id, m.received_at);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
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
