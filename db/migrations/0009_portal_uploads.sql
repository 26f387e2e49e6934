ALTER TABLE "uploads" ALTER COLUMN "draft_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "request_id" uuid;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "uploaded_by" uuid;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "content_type" text;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "size" bigint;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_request_id_municipality_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."municipality_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "uploads_request_idx" ON "uploads" USING btree ("request_id","uploaded_by");--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_one_owner" CHECK (("uploads"."draft_id" IS NOT NULL AND "uploads"."request_id" IS NULL AND "uploads"."uploaded_by" IS NULL) OR ("uploads"."draft_id" IS NULL AND "uploads"."request_id" IS NOT NULL AND "uploads"."uploaded_by" IS NOT NULL));