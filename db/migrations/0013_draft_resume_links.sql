CREATE TABLE "draft_resume_links" (
	"id" text PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "draft_resume_links" ADD CONSTRAINT "draft_resume_links_draft_id_intake_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."intake_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draft_resume_links_draft_idx" ON "draft_resume_links" USING btree ("draft_id");