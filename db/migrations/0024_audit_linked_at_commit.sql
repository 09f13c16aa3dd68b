CREATE TABLE "audit_pending" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry" jsonb NOT NULL,
	"content_hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "content_hash" text;--> statement-breakpoint
-- An audited transaction no longer holds the chain's lock from its audit row to its end, round trips to the
-- application included, which serialised every audited change in the operator: its rows wait in audit_pending
-- and are linked when it commits, under the lock (audit_chain_head) for that moment only. Ids are given then,
-- in the chain's order. The row's content is hashed by the application (content_hash, the same canonical form
-- lib/audit/chain.ts verifies); the link is sha256(prev_hash || '\n' || content_hash).
CREATE FUNCTION audit_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev text := coalesce(audit_chain_head(1297306433), repeat('0', 64));
BEGIN
  INSERT INTO audit_log (at, actor_user_id, actor_token_id, mailbox_id, action, target, result, reason, ip, user_agent,
                         metadata, content_hash, prev_hash, hash)
    SELECT r.at, r.actor_user_id, r.actor_token_id, r.mailbox_id, r.action, r.target, r.result, r.reason, r.ip, r.user_agent,
           r.metadata, NEW.content_hash, prev, encode(sha256(convert_to(prev || E'\n' || NEW.content_hash, 'UTF8')), 'hex')
      FROM jsonb_populate_record(null::audit_log, NEW.entry) r;
  DELETE FROM audit_pending WHERE id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_pending_link AFTER INSERT ON "audit_pending" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_link();
