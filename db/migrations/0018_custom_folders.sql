CREATE TABLE "mailbox_folders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailbox_folders_box_id_key" UNIQUE("mailbox_id","id"),
	CONSTRAINT "mailbox_folders_name_length" CHECK (char_length("mailbox_folders"."name") between 1 and 60)
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "folder_id" uuid;--> statement-breakpoint
ALTER TABLE "triage_batch_messages" ADD COLUMN "from_folder_id" uuid;--> statement-breakpoint
ALTER TABLE "triage_batches" ADD COLUMN "to_folder_id" uuid;--> statement-breakpoint
ALTER TABLE "mailbox_folders" ADD CONSTRAINT "mailbox_folders_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_folders" ADD CONSTRAINT "mailbox_folders_parent_fk" FOREIGN KEY ("mailbox_id","parent_id") REFERENCES "public"."mailbox_folders"("mailbox_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mailbox_folders_name_key" ON "mailbox_folders" USING btree ("mailbox_id",coalesce("parent_id", "mailbox_id"),lower("name"));--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_custom_folder_fk" FOREIGN KEY ("mailbox_id","folder_id") REFERENCES "public"."mailbox_folders"("mailbox_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_batch_messages" ADD CONSTRAINT "triage_batch_messages_from_folder_id_mailbox_folders_id_fk" FOREIGN KEY ("from_folder_id") REFERENCES "public"."mailbox_folders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_batches" ADD CONSTRAINT "triage_batches_to_folder_id_mailbox_folders_id_fk" FOREIGN KEY ("to_folder_id") REFERENCES "public"."mailbox_folders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_custom_folder_idx" ON "messages" USING btree ("folder_id","received_at","id") WHERE "messages"."folder_id" is not null;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_custom_folder_in_archive" CHECK ("messages"."folder_id" is null or "messages"."folder" = 'archive');