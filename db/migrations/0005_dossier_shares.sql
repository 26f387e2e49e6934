CREATE TABLE "dossier_share_documents" (
	"share_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	CONSTRAINT "dossier_share_documents_share_id_attachment_id_pk" PRIMARY KEY("share_id","attachment_id")
);
--> statement-breakpoint
CREATE TABLE "dossier_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"municipality_id" text NOT NULL,
	"shared_by" uuid NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossier_share_documents" ADD CONSTRAINT "dossier_share_documents_share_id_dossier_shares_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."dossier_shares"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_share_documents" ADD CONSTRAINT "dossier_share_documents_attachment_id_dossier_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."dossier_attachments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_shares" ADD CONSTRAINT "dossier_shares_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_shares" ADD CONSTRAINT "dossier_shares_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_shares" ADD CONSTRAINT "dossier_shares_shared_by_users_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_share_documents_attachment_idx" ON "dossier_share_documents" USING btree ("attachment_id");--> statement-breakpoint
CREATE INDEX "dossier_shares_municipality_dossier_idx" ON "dossier_shares" USING btree ("municipality_id","dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_shares_dossier_idx" ON "dossier_shares" USING btree ("dossier_id");