CREATE TABLE "patient_conversations" (
	"mailbox_id" uuid NOT NULL,
	"patient_address" text NOT NULL,
	"state" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_user_id" uuid,
	"closed_by_token_id" uuid,
	CONSTRAINT "patient_conversations_mailbox_id_patient_address_pk" PRIMARY KEY("mailbox_id","patient_address"),
	CONSTRAINT "patient_conversations_state" CHECK ("patient_conversations"."state" in ('open', 'closed')),
	CONSTRAINT "patient_conversations_closed" CHECK (("patient_conversations"."state" = 'closed') = ("patient_conversations"."closed_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "patient_conversations" ADD CONSTRAINT "patient_conversations_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_conversations" ADD CONSTRAINT "patient_conversations_closed_by_user_id_users_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_conversations" ADD CONSTRAINT "patient_conversations_closed_by_token_id_api_tokens_id_fk" FOREIGN KEY ("closed_by_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;