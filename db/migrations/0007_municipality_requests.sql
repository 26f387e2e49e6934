CREATE TYPE "public"."decision_status" AS ENUM('pending', 'granted', 'refused');--> statement-breakpoint
CREATE TYPE "public"."request_kind" AS ENUM('information', 'findings', 'follow_up');--> statement-breakpoint
CREATE TYPE "public"."request_status" AS ENUM('open', 'answered');--> statement-breakpoint
CREATE TABLE "municipality_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"municipality_id" text NOT NULL,
	"kind" "request_kind" NOT NULL,
	"questions" text NOT NULL,
	"documents_wanted" text DEFAULT '' NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_on" date NOT NULL,
	"term_weeks" integer NOT NULL,
	"nominal_due_on" date NOT NULL,
	"skipped_days" jsonb NOT NULL,
	"due_on" date NOT NULL,
	"status" "request_status" DEFAULT 'open' NOT NULL,
	"sent_by" uuid NOT NULL,
	"pause_id" uuid,
	"answer_text" text,
	"answered_at" timestamp with time zone,
	"answered_on" date,
	"answered_by" uuid
);
--> statement-breakpoint
CREATE TABLE "request_answer_documents" (
	"request_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	"confidentiality" "decision_status",
	"confidentiality_reason" text,
	"decided_by" uuid,
	"decision_reason" text,
	CONSTRAINT "request_answer_documents_request_id_attachment_id_pk" PRIMARY KEY("request_id","attachment_id")
);
--> statement-breakpoint
CREATE TABLE "request_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"weeks" integer NOT NULL,
	"reason" text NOT NULL,
	"asked_by" uuid NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"status" "decision_status" DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"previous_due_on" date,
	"new_due_on" date
);
--> statement-breakpoint
CREATE TABLE "request_reminders" (
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "request_reminders_request_id_kind_due_on_pk" PRIMARY KEY("request_id","kind","due_on")
);
--> statement-breakpoint
ALTER TABLE "municipality_requests" ADD CONSTRAINT "municipality_requests_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_requests" ADD CONSTRAINT "municipality_requests_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_requests" ADD CONSTRAINT "municipality_requests_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_requests" ADD CONSTRAINT "municipality_requests_pause_id_dossier_pauses_id_fk" FOREIGN KEY ("pause_id") REFERENCES "public"."dossier_pauses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_requests" ADD CONSTRAINT "municipality_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_answer_documents" ADD CONSTRAINT "request_answer_documents_request_id_municipality_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."municipality_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_answer_documents" ADD CONSTRAINT "request_answer_documents_attachment_id_dossier_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."dossier_attachments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_answer_documents" ADD CONSTRAINT "request_answer_documents_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_extensions" ADD CONSTRAINT "request_extensions_request_id_municipality_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."municipality_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_extensions" ADD CONSTRAINT "request_extensions_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_extensions" ADD CONSTRAINT "request_extensions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_reminders" ADD CONSTRAINT "request_reminders_request_id_municipality_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."municipality_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "municipality_requests_dossier_idx" ON "municipality_requests" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "municipality_requests_open_idx" ON "municipality_requests" USING btree ("municipality_id","status","due_on");--> statement-breakpoint
CREATE INDEX "request_answer_documents_attachment_idx" ON "request_answer_documents" USING btree ("attachment_id");--> statement-breakpoint
CREATE INDEX "request_extensions_request_idx" ON "request_extensions" USING btree ("request_id");