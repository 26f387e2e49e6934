import { eq } from "drizzle-orm";
import type { Locale } from "#app/i18n/format";
import { registerDraft } from "#app/dossiers/register.server";
import { logger } from "#app/utils/logger.server";
import type { Services } from "#app/utils/services.server";
import { dossiers } from "#db/schema/index";
import { listDraftAttachments, type Draft } from "./drafts.server";
import type { ReadyDraft } from "./recheck.server";
import { todayIn } from "./reference.server";

export type SubmittedDossier = { id: string; number: string; contactDueOn: string; created: boolean };

/**
 * Turns the draft into a dossier through the one registration (app/dossiers/register.server.ts),
 * in ONE statement (so one implicit transaction and one round trip): number, dossier, parties,
 * eligibility facts, attachments moved from the draft, the first history events and the
 * confirmation mail; the draft is consumed. The statement first locks the draft row and only
 * proceeds while it has no dossier, so a double click or a retried request waits and then finds
 * the dossier the first one made. The year's counter row is locked from the moment the number
 * is taken until the commit, which keeps numbers unique and gapless under concurrency.
 */
export async function submitDraft(
  services: Services,
  draft: Draft,
  { answers: a, assessment }: ReadyDraft,
  locale: Locale,
): Promise<SubmittedDossier> {
  const represented = a.forWhom === "other" && a.represented ? a.represented : null;
  const files = draft.attachments ?? (await listDraftAttachments(services.db, draft.id));
  const created = await registerDraft(services.database, {
    channel: "online",
    locale,
    municipalityId: a.municipalityId,
    municipalityName: assessment.municipalityName ?? a.municipalityId,
    topic: a.topic,
    complaint: a.complaint,
    contact: a.contact,
    represented,
    facts: {
      complaintReceivedOn: a.complaintReceivedOn,
      answeredOn: a.answerStatus === "answered" ? (a.answeredOn ?? null) : null,
      postponedUntil: a.answerStatus === "postponed" ? (a.postponedUntil ?? null) : null,
    },
    assessment,
    overrideReason: null,
    submittedAt: services.now(),
    today: todayIn(services),
    handlingTargetWeeks: services.env.handlingTargetWeeks,
    registeredBy: null,
    submittedDetails: { locale },
    laterEvents: [],
    attachmentNames: files.map((f) => f.fileName),
    publicUrl: services.env.publicUrl,
    draftId: draft.id,
  });
  if (created) {
    services.wakeMailWorker();
    logger.info("dossier submitted", { dossierId: created.id, number: created.number });
    return { id: created.id, number: created.number, contactDueOn: created.contactDueOn, created: true };
  }
  const [existing] = await services.db
    .select({ id: dossiers.id, number: dossiers.number, contactDueOn: dossiers.contactDueOn })
    .from(dossiers)
    .where(eq(dossiers.sourceDraftId, draft.id));
  if (!existing) throw new Error("draft was consumed without a dossier");
  return { ...existing, created: false };
}
