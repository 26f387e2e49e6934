CREATE TABLE "saved_queue_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_queue_views_user_name_unique" UNIQUE("user_id","name")
);
--> statement-breakpoint
ALTER TABLE "saved_queue_views" ADD CONSTRAINT "saved_queue_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_pauses_running_idx" ON "dossier_pauses" USING btree ("dossier_id") WHERE ended_on IS NULL;