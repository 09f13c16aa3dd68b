CREATE INDEX "audit_log_token_idx" ON "audit_log" USING btree ("actor_token_id","at") WHERE "audit_log"."actor_token_id" is not null;--> statement-breakpoint
-- A folder's total is counted when the transaction commits, not when its row is written: the counter row of a
-- busy box (an applicative box's Envoyés, a service's Réception) is locked only for the commit, so sends from
-- one box no longer wait on each other for their whole transaction. Totals are sums of +1/-1, so the order in
-- which a transaction's changes are counted does not matter, provided each change adds its own delta; a move
-- or a deletion therefore adds -1 as an upsert too (the +1 of a row inserted in the same transaction comes
-- after it). Read counts are untouched: a new row has no read mark yet, so the insert never counted any.
CREATE OR REPLACE FUNCTION folder_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO folder_counts AS c (mailbox_id, folder, total) VALUES (OLD.mailbox_id, OLD.folder, -1)
      ON CONFLICT (mailbox_id, folder) DO UPDATE SET total = c.total - 1;
    UPDATE folder_reads f SET read = f.read - 1 FROM message_reads r
      WHERE r.message_id = OLD.id AND f.user_id = r.user_id AND f.mailbox_id = OLD.mailbox_id AND f.folder = OLD.folder;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO folder_counts AS c (mailbox_id, folder, total) VALUES (NEW.mailbox_id, NEW.folder, 1)
      ON CONFLICT (mailbox_id, folder) DO UPDATE SET total = c.total + 1;
    INSERT INTO folder_reads AS f (user_id, mailbox_id, folder, read)
      SELECT r.user_id, NEW.mailbox_id, NEW.folder, 1 FROM message_reads r WHERE r.message_id = NEW.id
      ON CONFLICT (user_id, mailbox_id, folder) DO UPDATE SET read = f.read + 1;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION folder_counts_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO folder_counts AS c (mailbox_id, folder, total) VALUES (NEW.mailbox_id, NEW.folder, 1)
    ON CONFLICT (mailbox_id, folder) DO UPDATE SET total = c.total + 1;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER messages_counts_insert ON "messages";--> statement-breakpoint
CREATE CONSTRAINT TRIGGER messages_counts_insert AFTER INSERT ON "messages" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION folder_counts_added();
