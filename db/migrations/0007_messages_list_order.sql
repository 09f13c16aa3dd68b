DROP INDEX "messages_list_idx";--> statement-breakpoint
CREATE INDEX "messages_box_date_idx" ON "messages" USING btree ("mailbox_id","received_at","id");--> statement-breakpoint
CREATE INDEX "messages_list_idx" ON "messages" USING btree ("mailbox_id","folder","received_at","id");