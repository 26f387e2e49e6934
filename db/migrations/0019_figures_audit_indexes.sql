CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "dossier_pauses_started_idx" ON "dossier_pauses" USING btree ("started_on");--> statement-breakpoint
CREATE INDEX "dossiers_closed_figures_idx" ON "dossiers" USING btree ("closed_at","municipality_id","submitted_at","handling_due_on","outcome","assignee_id") WHERE closed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "dossiers_submitted_figures_idx" ON "dossiers" USING btree ("submitted_at","municipality_id","status","first_contact_at","contact_due_on");