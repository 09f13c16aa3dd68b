CREATE TABLE "directory_entries" (
	"address" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"rpps" text,
	"civility" text,
	"last_name" text,
	"first_name" text,
	"profession_code" text,
	"profession" text,
	"specialty" text,
	"service" text,
	"structure" text,
	"city" text,
	"postcode" text,
	"departement" text,
	"last_name_key" text DEFAULT '' NOT NULL,
	"search_text" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED
);
--> statement-breakpoint
CREATE INDEX "directory_entries_search_idx" ON "directory_entries" USING gin ("search");--> statement-breakpoint
CREATE INDEX "directory_entries_last_name_idx" ON "directory_entries" USING btree (("last_name_key" collate "C"),("address" collate "C"));--> statement-breakpoint
CREATE INDEX "directory_entries_rpps_idx" ON "directory_entries" USING btree ("rpps");--> statement-breakpoint
CREATE INDEX "directory_entries_postcode_idx" ON "directory_entries" USING btree ("postcode");