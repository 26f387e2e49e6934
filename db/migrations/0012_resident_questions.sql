CREATE TABLE "resident_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"questions" text NOT NULL,
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
	"registered_by" uuid,
	"reminded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "resident_questions" ADD CONSTRAINT "resident_questions_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_questions" ADD CONSTRAINT "resident_questions_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_questions" ADD CONSTRAINT "resident_questions_pause_id_dossier_pauses_id_fk" FOREIGN KEY ("pause_id") REFERENCES "public"."dossier_pauses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_questions" ADD CONSTRAINT "resident_questions_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_questions_dossier_idx" ON "resident_questions" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "resident_questions_open_idx" ON "resident_questions" USING btree ("status","due_on");