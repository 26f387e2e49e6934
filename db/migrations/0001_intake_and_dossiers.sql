CREATE TYPE "public"."attachment_category" AS ENUM('municipality_answer', 'original_complaint', 'evidence', 'mandate');--> statement-breakpoint
CREATE TYPE "public"."contact_channel" AS ENUM('email', 'phone');--> statement-breakpoint
CREATE TYPE "public"."document_visibility" AS ENUM('shared', 'internal');--> statement-breakpoint
CREATE TYPE "public"."dossier_status" AS ENUM('received', 'intake', 'intervention', 'mediation', 'investigation', 'closed');--> statement-breakpoint
CREATE TYPE "public"."intake_channel" AS ENUM('online', 'phone', 'letter', 'email', 'counter');--> statement-breakpoint
CREATE TYPE "public"."party_role" AS ENUM('complainant', 'representative');--> statement-breakpoint
CREATE TABLE "draft_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draft_id" uuid NOT NULL,
	"category" "attachment_category" NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "draft_attachments_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "intake_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"locale" text DEFAULT 'nl' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"review_errors" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"dossier_id" uuid,
	CONSTRAINT "intake_drafts_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "dossier_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"category" "attachment_category" NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"visibility" "document_visibility" DEFAULT 'shared' NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"added_by" uuid,
	CONSTRAINT "dossier_attachments_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "dossier_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_eligibility" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"complained_to_municipality" boolean NOT NULL,
	"complaint_received_on" date NOT NULL,
	"answered_on" date,
	"postponed_until" date,
	"handling_weeks" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"outcome" text NOT NULL,
	"ground" text,
	"nominal_deadline" date NOT NULL,
	"handling_deadline" date NOT NULL,
	"eligible_from" date,
	"window_ends_on" date,
	"skipped_days" jsonb NOT NULL,
	"override_reason" text
);
--> statement-breakpoint
CREATE TABLE "dossier_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dossier_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"type" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"role" "party_role" NOT NULL,
	"name" text NOT NULL,
	"street" text NOT NULL,
	"house_number" text NOT NULL,
	"postcode" text NOT NULL,
	"city" text NOT NULL,
	"email" text,
	"phone" text,
	"preferred_channel" "contact_channel",
	CONSTRAINT "dossier_parties_role_unique" UNIQUE("dossier_id","role")
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"municipality_id" text NOT NULL,
	"status" "dossier_status" DEFAULT 'received' NOT NULL,
	"channel" "intake_channel" NOT NULL,
	"locale" text DEFAULT 'nl' NOT NULL,
	"topic" text NOT NULL,
	"complaint_text" text NOT NULL,
	"incident_place" text NOT NULL,
	"incident_date" date NOT NULL,
	"people_involved" text,
	"desired_outcome" text,
	"by_representative" boolean NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"contact_due_on" date NOT NULL,
	"first_contact_at" timestamp with time zone,
	"assignee_id" uuid,
	"source_draft_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossiers_number_unique" UNIQUE("number"),
	CONSTRAINT "dossiers_source_draft_id_unique" UNIQUE("source_draft_id"),
	CONSTRAINT "dossiers_year_sequence_unique" UNIQUE("year","sequence")
);
--> statement-breakpoint
ALTER TABLE "draft_attachments" ADD CONSTRAINT "draft_attachments_draft_id_intake_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."intake_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_attachments" ADD CONSTRAINT "dossier_attachments_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_attachments" ADD CONSTRAINT "dossier_attachments_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_eligibility" ADD CONSTRAINT "dossier_eligibility_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_parties" ADD CONSTRAINT "dossier_parties_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_source_draft_id_intake_drafts_id_fk" FOREIGN KEY ("source_draft_id") REFERENCES "public"."intake_drafts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draft_attachments_draft_idx" ON "draft_attachments" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "intake_drafts_expires_idx" ON "intake_drafts" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "dossier_attachments_dossier_idx" ON "dossier_attachments" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_events_dossier_idx" ON "dossier_events" USING btree ("dossier_id","at");--> statement-breakpoint
CREATE INDEX "dossier_parties_dossier_idx" ON "dossier_parties" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossiers_open_due_idx" ON "dossiers" USING btree ("contact_due_on") WHERE "dossiers"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "dossiers_municipality_idx" ON "dossiers" USING btree ("municipality_id");