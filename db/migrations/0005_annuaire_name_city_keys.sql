DROP INDEX "directory_entries_last_name_idx";--> statement-breakpoint
DROP INDEX "directory_entries_postcode_idx";--> statement-breakpoint
ALTER TABLE "directory_entries" ADD COLUMN "first_name_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD COLUMN "city_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Rows loaded before this migration: the keys as lib/annuaire/format.ts normalise() computes them (decomposed, marks removed, lower case, [a-z0-9] words); the next import recomputes them in Node.
UPDATE "directory_entries" SET
	"first_name_key" = trim(regexp_replace(lower(regexp_replace(normalize(coalesce("first_name", ''), NFD), '[\u0300-\u036f]', '', 'g')), '[^a-z0-9]+', ' ', 'g')),
	"city_key" = trim(regexp_replace(lower(regexp_replace(normalize(coalesce("city", ''), NFD), '[\u0300-\u036f]', '', 'g')), '[^a-z0-9]+', ' ', 'g'));--> statement-breakpoint
CREATE INDEX "directory_entries_name_idx" ON "directory_entries" USING btree (("last_name_key" collate "C"),("first_name_key" collate "C"),("address" collate "C"));--> statement-breakpoint
CREATE INDEX "directory_entries_city_idx" ON "directory_entries" USING btree (("city_key" collate "C"),"profession_code");--> statement-breakpoint
CREATE INDEX "directory_entries_postcode_idx" ON "directory_entries" USING btree (("postcode" collate "C"));