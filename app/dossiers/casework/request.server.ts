import { and, eq } from "drizzle-orm";
import { holidayTable } from "#app/intake/reference.server";
import {
  dossierAttachments,
  dossierShares,
  municipalityRequests,
  requestAnswerDocuments,
  requestExtensions,
  type RequestKind,
} from "#db/schema/index";
import { explainRequestDueOn } from "../deadlines";
import { outlivesClosing } from "../requests";
import { runningPause, startPause } from "./clock.server";
import { closed, issue, OK, runCommand, type CommandRun, type CommandScope } from "./command.server";
import type { MailKind } from "#app/mail/outbox.server";
import { mailOfficers, type LinkMail } from "./officer-mail.server";
import { recordShare } from "./share.server";

/**
 * The handler's side of a request to the municipality: sending it (with its own term and, if
 * asked, a clock pause with the request as its reason), and deciding on what the municipality asks
 * back: more time, or that a document of its answer is seen by the ombudsman only. The
 * municipality's side is app/portal/requests.server.ts.
 */

export const QUESTIONS_MAX = 5000;
export const DECISION_REASON_MAX = 2000;

export type RequestInput = {
  requestKind: RequestKind;
  questions: string;
  documentsWanted: string;
  termWeeks: number;
  /** Set: the handling clock stands still while the request runs, with this explanation. */
  pause: { explanation: string } | null;
  /** Documents sent with it (the draft findings, the report): shared with the municipality by the request. */
  attachmentIds?: readonly string[];
};

export const portalRequestLink = (publicUrl: string, number: string, requestId: string) =>
  `${publicUrl}/gemeente/dossiers/${encodeURIComponent(number)}/verzoeken/${requestId}`;
/** The dossier page in the back office, at one of its sections (`#verzoeken`, `#vragen`) if given. */
export const dossierPageLink = (publicUrl: string, number: string, section?: string) =>
  `${publicUrl}/behandelaar/dossiers/${encodeURIComponent(number)}${section ? `#${section}` : ""}`;
export const backOfficeLink = (publicUrl: string, number: string) => dossierPageLink(publicUrl, number, "verzoeken");

/** The officers' mail about a request: a link to it in the portal, nothing more. */
function mailOfficersAbout(run: CommandRun, requestId: string, kind: MailKind, words: LinkMail) {
  const link = portalRequestLink(run.scope.ctx.services.env.publicUrl, run.dossier.number, requestId);
  return mailOfficers(run.tx, run.dossier, {
    kind,
    link,
    words,
    subjectType: "municipality_request",
    subjectId: requestId,
  });
}

/**
 * Sends a request to the municipality the dossier concerns. It must have been shared with it (the
 * officer sees nothing before that); the due date is the term from today, rolled to a working day.
 */
export async function sendRequest(scope: CommandScope, input: RequestInput, words: LinkMail) {
  const { services } = scope.ctx;
  // Read before the transaction: PGlite has one connection, which the transaction holds.
  const holidays = await holidayTable(services.db);
  return runCommand(scope, async (run) => {
    const { tx, dossier, today } = run;
    if (dossier.status === "closed") return closed("questions");
    const [share] = await tx
      .select({ id: dossierShares.id })
      .from(dossierShares)
      .where(and(eq(dossierShares.dossierId, dossier.id), eq(dossierShares.municipalityId, dossier.municipalityId)))
      .limit(1);
    if (!share) return issue("questions", "request-not-shared");
    if (input.pause && (await runningPause(run))) return issue("pauseClock", "pause-running");
    const sent = input.attachmentIds?.length ? await recordShare(run, input.attachmentIds, "sendDocuments") : null;
    if (sent && !("shareId" in sent)) return sent;

    const due = explainRequestDueOn(today, { weeks: input.termWeeks }, holidays);
    const [request] = await tx
      .insert(municipalityRequests)
      .values({
        dossierId: dossier.id,
        municipalityId: dossier.municipalityId,
        kind: input.requestKind,
        questions: input.questions,
        documentsWanted: input.documentsWanted,
        sentAt: run.now,
        sentOn: today,
        termWeeks: input.termWeeks,
        nominalDueOn: due.nominal,
        skippedDays: due.skipped,
        dueOn: due.deadline,
        sentBy: scope.actor.id,
        shareId: sent?.shareId ?? null,
      })
      .returning({ id: municipalityRequests.id });
    if (!request) throw new Error("request insert returned nothing");
    const facts = {
      requestId: request.id,
      kind: input.requestKind,
      termWeeks: input.termWeeks,
      dueOn: due.deadline,
      paused: input.pause !== null,
      shareId: sent?.shareId ?? null,
      attachmentIds: sent?.attachmentIds ?? [],
    };
    await run.record("request_sent", facts, facts);
    if (input.pause) {
      const pauseId = await startPause(run, {
        pauseReason: "waiting_for_municipality",
        pauseExplanation: input.pause.explanation,
        pauseStart: today,
      });
      await tx.update(municipalityRequests).set({ pauseId }).where(eq(municipalityRequests.id, request.id));
    }
    await mailOfficersAbout(run, request.id, "municipality_request", words);
    return OK;
  });
}

export type ExtensionDecision = {
  extensionId: string;
  decision: "granted" | "refused";
  decisionReason: string;
};

/**
 * Grants or refuses the municipality's request for more time. Granted, the due date moves by the
 * weeks asked from the current due date, rolled to a working day and explained again.
 */
export async function decideExtension(scope: CommandScope, input: ExtensionDecision, words: LinkMail) {
  const { services } = scope.ctx;
  const holidays = await holidayTable(services.db);
  const field = `decision-${input.extensionId}`;
  return runCommand(scope, async (run) => {
    const { tx, dossier } = run;
    const [row] = await tx
      .select({ extension: requestExtensions, request: municipalityRequests })
      .from(requestExtensions)
      .innerJoin(municipalityRequests, eq(municipalityRequests.id, requestExtensions.requestId))
      .where(and(eq(requestExtensions.id, input.extensionId), eq(municipalityRequests.dossierId, dossier.id)))
      .for("update");
    if (!row) return issue(field, "request-gone");
    if (dossier.status === "closed" && !outlivesClosing(row.request.kind)) return closed(field);
    if (row.extension.status !== "pending" || row.request.status !== "open") return issue(field, "decision-taken");
    if (input.decision === "refused" && input.decisionReason === "") return issue(field, "reason-required");

    const { extension, request } = row;
    const due =
      input.decision === "granted" ? explainRequestDueOn(request.dueOn, { weeks: extension.weeks }, holidays) : null;
    await tx
      .update(requestExtensions)
      .set({
        status: input.decision,
        decidedBy: scope.actor.id,
        decidedAt: run.now,
        decisionReason: input.decisionReason || null,
        previousDueOn: request.dueOn,
        newDueOn: due?.deadline ?? null,
      })
      .where(eq(requestExtensions.id, extension.id));
    if (due)
      await tx
        .update(municipalityRequests)
        .set({ dueOn: due.deadline, nominalDueOn: due.nominal, skippedDays: due.skipped })
        .where(eq(municipalityRequests.id, request.id));
    const facts = {
      requestId: request.id,
      extensionId: extension.id,
      decision: input.decision,
      weeks: extension.weeks,
      previousDueOn: request.dueOn,
      dueOn: due?.deadline ?? request.dueOn,
    };
    await run.record("extension_decided", { ...facts, reason: input.decisionReason }, facts);
    await mailOfficersAbout(run, request.id, "request_update", words);
    return OK;
  });
}

export type ConfidentialityDecision = {
  attachmentId: string;
  decision: "granted" | "refused";
  decisionReason: string;
};

/**
 * Decides the municipality's request that a document of its answer is seen by the ombudsman only
 * (Awb 9:31). Granted, it stays ombudsman-only; refused (with a reason), it becomes a shared
 * document of the dossier. Either way the decision is recorded and the municipality can read it.
 */
export function decideConfidentiality(scope: CommandScope, input: ConfidentialityDecision) {
  const field = `confidentiality-${input.attachmentId}`;
  return runCommand(scope, async (run) => {
    const { tx, dossier } = run;
    const [row] = await tx
      .select({
        requestId: requestAnswerDocuments.requestId,
        kind: municipalityRequests.kind,
        confidentiality: requestAnswerDocuments.confidentiality,
        fileName: dossierAttachments.fileName,
      })
      .from(requestAnswerDocuments)
      .innerJoin(dossierAttachments, eq(dossierAttachments.id, requestAnswerDocuments.attachmentId))
      .innerJoin(municipalityRequests, eq(municipalityRequests.id, requestAnswerDocuments.requestId))
      .where(
        and(eq(requestAnswerDocuments.attachmentId, input.attachmentId), eq(dossierAttachments.dossierId, dossier.id)),
      )
      .for("update");
    if (!row || row.confidentiality === null) return issue(field, "document-gone");
    if (dossier.status === "closed" && !outlivesClosing(row.kind)) return closed(field);
    if (row.confidentiality !== "pending") return issue(field, "decision-taken");
    if (input.decision === "refused" && input.decisionReason === "") return issue(field, "reason-required");
    await tx
      .update(requestAnswerDocuments)
      .set({ confidentiality: input.decision, decidedBy: scope.actor.id, decisionReason: input.decisionReason || null })
      .where(
        and(
          eq(requestAnswerDocuments.attachmentId, input.attachmentId),
          eq(requestAnswerDocuments.requestId, row.requestId),
        ),
      );
    if (input.decision === "refused")
      await tx
        .update(dossierAttachments)
        .set({ visibility: "shared" })
        .where(eq(dossierAttachments.id, input.attachmentId));
    const facts = { requestId: row.requestId, attachmentId: input.attachmentId, decision: input.decision };
    await run.record(
      "confidentiality_decided",
      { ...facts, fileName: row.fileName, reason: input.decisionReason },
      facts,
    );
    return OK;
  });
}
