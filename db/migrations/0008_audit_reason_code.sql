-- An audit reason is a machine code (lib/errors.ts), never a message that could quote what someone typed.
-- NOT VALID: rows written before this rule keep their text (the log is append-only and hash-chained).
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_reason_is_code" CHECK ("reason" ~ '^[a-z][a-z_]*$') NOT VALID;
