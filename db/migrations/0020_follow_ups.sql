CREATE TABLE "dossier_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "dossier_contacts" ADD COLUMN "mail_outbox_id" bigint;--> statement-breakpoint
ALTER TABLE "dossier_follow_ups" ADD CONSTRAINT "dossier_follow_ups_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_follow_ups" ADD CONSTRAINT "dossier_follow_ups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_follow_ups_dossier_idx" ON "dossier_follow_ups" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_follow_ups_open_idx" ON "dossier_follow_ups" USING btree ("owner_id","due_on") WHERE done_at IS NULL;--> statement-breakpoint
ALTER TABLE "dossier_contacts" ADD CONSTRAINT "dossier_contacts_mail_outbox_id_mail_outbox_id_fk" FOREIGN KEY ("mail_outbox_id") REFERENCES "public"."mail_outbox"("id") ON DELETE set null ON UPDATE no action;