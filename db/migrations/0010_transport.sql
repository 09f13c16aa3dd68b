CREATE TABLE "inbound_deliveries" (
	"mailbox_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"copy_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_deliveries_mailbox_id_message_id_pk" PRIMARY KEY("mailbox_id","message_id")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "envelope_from" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "remote_mta" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbound_deliveries" ADD CONSTRAINT "inbound_deliveries_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Copies received before this table existed count as delivered, so a late retry of theirs is not stored twice.
INSERT INTO "inbound_deliveries" ("mailbox_id", "message_id", "copy_id", "received_at")
SELECT DISTINCT ON ("mailbox_id", "message_id") "mailbox_id", "message_id", "id", "received_at"
FROM "messages" WHERE "folder" NOT IN ('sent', 'drafts')
ORDER BY "mailbox_id", "message_id", "received_at"
ON CONFLICT DO NOTHING;
