-- The audit trail is append-only: the database itself refuses to change or
-- remove a row. The one exception is the retention purge (scripts/audit-purge.ts),
-- which deletes old rows in a transaction that sets mssante.audit_purge and
-- records a checkpoint; the hash chain makes any other removal visible.
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_log' AND current_setting('mssante.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
-- One round trip per append: take the chain lock (held until the caller's
-- transaction ends), then read the head. Separate statements inside the
-- function, so the head is read after the lock is granted, never from an
-- older snapshot.
CREATE FUNCTION audit_chain_head(lock_key bigint) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
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
$$;
