-- Received HTML sanitised once on receipt. Rows stored before keep body_html_safe null and are
-- sanitised, within the display bounds, when shown (lib/mail/received-html.ts).
ALTER TABLE "messages" ADD COLUMN "body_html_safe" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "remote_images" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "html_too_complex" boolean DEFAULT false NOT NULL;