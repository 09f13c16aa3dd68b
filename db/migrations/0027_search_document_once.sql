-- A message's search document was a generated column, computed for each row: a send to ten local boxes
-- stemmed the same text eleven times (0.3 ms each). It is now kept by a trigger, and an insert that stores
-- several copies of one message (lib/mail/deliver.ts) gives it once for all of them.
ALTER TABLE "messages" ALTER COLUMN "search" DROP EXPRESSION;--> statement-breakpoint
CREATE FUNCTION mail_search_document(subject text, from_name text, from_address text, recipients jsonb, cc jsonb, attachment_names text, body_text text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('french'::regconfig, mail_fold(coalesce(subject, '') || ' ' || coalesce(from_name, '') || ' ' || from_address || ' ' || jsonb_path_query_array(recipients, '$[*].name')::text || ' ' || jsonb_path_query_array(recipients, '$[*].address')::text || ' ' || jsonb_path_query_array(cc, '$[*].name')::text || ' ' || jsonb_path_query_array(cc, '$[*].address')::text || ' ' || coalesce(attachment_names, '') || ' ' || body_text))
$$;--> statement-breakpoint
-- Computed unless the insert gave it; recomputed when what it is made of changes (a draft edited, attachment names kept by 0006).
CREATE FUNCTION messages_search_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR NEW.search IS NULL THEN
    NEW.search := mail_search_document(NEW.subject, NEW.from_name, NEW.from_address, NEW."to", NEW.cc, NEW.attachment_names, NEW.body_text);
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_search_insert BEFORE INSERT ON "messages" FOR EACH ROW EXECUTE FUNCTION messages_search_track();--> statement-breakpoint
CREATE TRIGGER messages_search_update BEFORE UPDATE OF subject, from_name, from_address, "to", cc, attachment_names, body_text ON "messages" FOR EACH ROW
  WHEN (OLD.subject IS DISTINCT FROM NEW.subject OR OLD.from_name IS DISTINCT FROM NEW.from_name OR OLD.from_address IS DISTINCT FROM NEW.from_address
    OR OLD."to" IS DISTINCT FROM NEW."to" OR OLD.cc IS DISTINCT FROM NEW.cc OR OLD.attachment_names IS DISTINCT FROM NEW.attachment_names
    OR OLD.body_text IS DISTINCT FROM NEW.body_text)
  EXECUTE FUNCTION messages_search_track();
