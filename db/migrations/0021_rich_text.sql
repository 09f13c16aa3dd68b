ALTER TABLE "mailboxes" ADD COLUMN "signature_html" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "html_composed" boolean DEFAULT false NOT NULL;