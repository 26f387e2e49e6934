CREATE TYPE "public"."approval_kind" AS ENUM('override', 'close');--> statement-breakpoint
CREATE TYPE "public"."approval_state" AS ENUM('pending', 'approved', 'sent_back');--> statement-breakpoint
CREATE TABLE "dossier_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"kind" "approval_kind" NOT NULL,
	"proposal" jsonb NOT NULL,
	"asked_by" uuid NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"state" "approval_state" DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text
);
--> statement-breakpoint
ALTER TABLE "dossier_approvals" ADD CONSTRAINT "dossier_approvals_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_approvals" ADD CONSTRAINT "dossier_approvals_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_approvals" ADD CONSTRAINT "dossier_approvals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_approvals_dossier_idx" ON "dossier_approvals" USING btree ("dossier_id","asked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_approvals_one_pending_idx" ON "dossier_approvals" USING btree ("dossier_id") WHERE state = 'pending';