-- Draft ids become each box's own (messages.draft_id, unique per box) and a sent draft id is recorded for good
-- (sent_drafts): another box's id reads like a new one, and a second send, a late autosave or a retry of a
-- sent id is told who sent it.
CREATE TABLE "sent_drafts" (
	"mailbox_id" uuid NOT NULL,
	"draft_id" uuid NOT NULL,
	"message_id" uuid,
	"sent_by" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sent_drafts_mailbox_id_draft_id_pk" PRIMARY KEY("mailbox_id","draft_id")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "draft_id" uuid;--> statement-breakpoint
-- Drafts saved before keep their id as their draft id: their pages, links and open compose pages still find them.
UPDATE "messages" SET "draft_id" = "id" WHERE "folder" = 'drafts';--> statement-breakpoint
ALTER TABLE "sent_drafts" ADD CONSTRAINT "sent_drafts_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sent_drafts" ADD CONSTRAINT "sent_drafts_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sent_drafts" ADD CONSTRAINT "sent_drafts_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sent_drafts_message_idx" ON "sent_drafts" USING btree ("message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_draft_key" ON "messages" USING btree ("mailbox_id","draft_id") WHERE "messages"."draft_id" is not null;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_draft_id_on_drafts" CHECK (("messages"."folder" = 'drafts') = ("messages"."draft_id" is not null));