CREATE TYPE "public"."pause_reason" AS ENUM('waiting_for_resident', 'waiting_for_municipality');--> statement-breakpoint
CREATE TABLE "digest_log" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_log_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "dossier_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"contacted_on" date NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"summary" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_pauses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"reason" "pause_reason" NOT NULL,
	"explanation" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "dossiers_open_due_idx";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "handling_due_on" date DEFAULT (CURRENT_DATE + 91) NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "complainant_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(complainant_name, '') || ' ' || replace(coalesce(number, ''), '-', ' '))) STORED;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "outcome_detail" text;--> statement-breakpoint
ALTER TABLE "digest_log" ADD CONSTRAINT "digest_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_contacts" ADD CONSTRAINT "dossier_contacts_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_contacts" ADD CONSTRAINT "dossier_contacts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_notes" ADD CONSTRAINT "dossier_notes_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_notes" ADD CONSTRAINT "dossier_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_pauses" ADD CONSTRAINT "dossier_pauses_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_pauses" ADD CONSTRAINT "dossier_pauses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_contacts_dossier_idx" ON "dossier_contacts" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_notes_dossier_idx" ON "dossier_notes" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_pauses_dossier_idx" ON "dossier_pauses" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossiers_open_next_due_idx" ON "dossiers" USING btree ((CASE WHEN first_contact_at IS NULL THEN contact_due_on ELSE handling_due_on END),"id") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "dossiers_open_status_due_idx" ON "dossiers" USING btree ("status",(CASE WHEN first_contact_at IS NULL THEN contact_due_on ELSE handling_due_on END)) WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "dossiers_open_municipality_due_idx" ON "dossiers" USING btree ("municipality_id",(CASE WHEN first_contact_at IS NULL THEN contact_due_on ELSE handling_due_on END)) WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "dossiers_open_assignee_due_idx" ON "dossiers" USING btree ("assignee_id",(CASE WHEN first_contact_at IS NULL THEN contact_due_on ELSE handling_due_on END)) WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "dossiers_search_idx" ON "dossiers" USING gin ("search");--> statement-breakpoint
CREATE INDEX "dossiers_submitted_idx" ON "dossiers" USING btree ("submitted_at");