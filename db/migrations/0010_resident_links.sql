CREATE TABLE "resident_links" (
	"id" text PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "resident_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "resident_links" ADD CONSTRAINT "resident_links_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_sessions" ADD CONSTRAINT "resident_sessions_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_links_dossier_idx" ON "resident_links" USING btree ("dossier_id","created_at");--> statement-breakpoint
CREATE INDEX "resident_sessions_expires_idx" ON "resident_sessions" USING btree ("expires_at");