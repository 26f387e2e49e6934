CREATE TABLE "dossier_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"related_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dossier_links_pair_unique" UNIQUE("dossier_id","related_id"),
	CONSTRAINT "dossier_links_ordered" CHECK ("dossier_links"."dossier_id" < "dossier_links"."related_id")
);
--> statement-breakpoint
ALTER TABLE "dossier_links" ADD CONSTRAINT "dossier_links_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_links" ADD CONSTRAINT "dossier_links_related_id_dossiers_id_fk" FOREIGN KEY ("related_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_links" ADD CONSTRAINT "dossier_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_links_related_idx" ON "dossier_links" USING btree ("related_id");--> statement-breakpoint
CREATE INDEX "dossier_parties_email_idx" ON "dossier_parties" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "dossier_parties_name_postcode_idx" ON "dossier_parties" USING btree (lower("name"),upper(replace("postcode", ' ', '')));