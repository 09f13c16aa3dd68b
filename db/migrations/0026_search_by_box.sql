DROP INDEX "messages_search_idx";--> statement-breakpoint
CREATE INDEX "messages_box_search_idx" ON "messages" USING gin ("mailbox_id","search");