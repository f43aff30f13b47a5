ALTER TABLE "content_revisions" ADD COLUMN "traceparent" text;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "traceparent" text;