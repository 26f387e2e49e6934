import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { endRunningPause, runningPause } from "#app/dossiers/casework/clock.server";
import {
  closed,
  issue,
  OK,
  runLocked,
  type CaseworkActor,
  type CommandContext,
  type CommandResult,
  type CommandRun,
  type Refusal,
} from "#app/dossiers/casework/command.server";
import { discardFile, type RecordedFile } from "#app/dossiers/casework/document.server";
import { mailAssignee, type LinkMail } from "#app/dossiers/casework/officer-mail.server";
import { backOfficeLink } from "#app/dossiers/casework/request.server";
import { ANSWER_SLOTS, outlivesClosing } from "#app/dossiers/requests";
import { scopeFor, UUID, type Actor } from "#app/dossiers/scope.server";
import { lockHeldUploads, takeHeldUpload, type RequestOwner } from "#app/uploads/uploads.server";
import type { Queryable } from "#db/client";
import { DOSSIER_NUMBER } from "#db/dossier-numbers";
import {
  dossierAttachments,
  dossiers,
  dossierShareDocuments,
  municipalityRequests,
  requestAnswerDocuments,
  requestExtensions,
  users,
} from "#db/schema/index";

/**
 * The municipality's side of a request: reading it, answering it with text and documents (a
 * document may be asked to be for the ombudsman only, Awb 9:31), and asking for more time. Every
 * look-up and every act is under the officer's scope: a request of a dossier not shared with the
 * officer's municipality is not found.
 */

export const ANSWER_MAX = 10_000;
export const EXTENSION_REASON_MAX = 2000;
export const CONFIDENTIALITY_REASON_MAX = 1000;

export type PortalScope = { ctx: CommandContext; actor: CaseworkActor; number: string };

/** Runs `work` on the dossier locked under the officer's scope, recording as the officer. */
function runPortalCommand<R extends CommandResult>(
  scope: PortalScope,
  work: (run: CommandRun) => Promise<R>,
): Promise<R | Refusal> {
  const officer = scopeFor(scope.actor);
  if (officer.kind !== "officer") return Promise.resolve({ ok: false, code: "not-found" });
  return runLocked(scope, officer.dossiers, work);
}

async function openRequestOf(run: CommandRun, requestId: string, field: string) {
  if (!UUID.test(requestId)) return { refusal: issue(field, "request-gone") } as const;
  const [request] = await run.tx
    .select()
    .from(municipalityRequests)
    .where(
      and(
        eq(municipalityRequests.id, requestId),
        eq(municipalityRequests.dossierId, run.dossier.id),
        eq(municipalityRequests.municipalityId, run.dossier.municipalityId),
      ),
    )
    .for("update");
  if (!request) return { refusal: issue(field, "request-gone") } as const;
  if (run.dossier.status === "closed" && !outlivesClosing(request.kind)) return { refusal: closed(field) } as const;
  if (request.status !== "open") return { refusal: issue(field, "request-answered") } as const;
  return { request } as const;
}

/** A mail to the dossier's handler, if it has one: a link to the dossier page and nothing else. */
function mailHandler(run: CommandRun, words: LinkMail, requestId: string) {
  return mailAssignee(run.tx, run.dossier, {
    kind: "request_update",
    link: backOfficeLink(run.scope.ctx.services.env.publicUrl, run.dossier.number),
    words,
    subjectType: "municipality_request",
    subjectId: requestId,
  });
}

/**
 * A document of the answer: a file the form posted, or (`upload`) one the officer's uploader sent
 * and the server checked beforehand, named by its form field so that a refusal points at it.
 */
export type AnswerDocument = {
  file: RecordedFile;
  confidentialityReason: string | null;
  upload?: { id: string; field: string };
};
export type AnswerInput = { requestId: string; answerText: string; documents: AnswerDocument[] };

/**
 * The municipality's answer: its text, its documents (category "municipality_answer"; one asked
 * to be for the ombudsman only is kept internal until the handler decides), the request closed
 * with the day it was answered, and the clock pause it caused ended. The command owns the files:
 * whatever it refuses leaves nothing in storage.
 */
export async function answerRequest(scope: PortalScope, input: AnswerInput, words: LinkMail) {
  const { services } = scope.ctx;
  // A checked upload the answer does not take stays the officer's, to send again.
  const files = input.documents.filter((d) => !d.upload).map((d) => d.file);
  const owner: RequestOwner = {
    kind: "request",
    requestId: input.requestId,
    officerId: scope.actor.id,
    maxFiles: ANSWER_SLOTS.length,
  };
  try {
    const result = await runPortalCommand(scope, async (run) => {
      const found = await openRequestOf(run, input.requestId, "answerText");
      if (found.refusal) return found.refusal;
      const { request } = found;
      if (input.answerText === "") return issue("answerText", "text-required");
      const uploaded = input.documents.flatMap((d) => (d.upload ? [d.upload] : []));
      const available = await lockHeldUploads(
        run.tx,
        owner,
        uploaded.map((u) => u.id),
      );
      const gone = uploaded.find((u) => !available.has(u.id));
      if (gone) return issue(gone.field, "document-gone");
      const attachmentIds: string[] = [];
      for (const { file, confidentialityReason, upload } of input.documents) {
        const [row] = await run.tx
          .insert(dossierAttachments)
          .values({
            dossierId: run.dossier.id,
            category: "municipality_answer",
            storageKey: file.storageKey,
            fileName: file.fileName,
            contentType: file.contentType,
            size: file.size,
            sha256: file.sha256,
            visibility: confidentialityReason ? "internal" : "shared",
            uploadedAt: run.now,
            addedBy: scope.actor.id,
          })
          .returning({ id: dossierAttachments.id });
        if (!row) throw new Error("attachment insert returned nothing");
        attachmentIds.push(row.id);
        if (upload && !(await takeHeldUpload(run.tx, owner, upload.id, row.id, run.now)))
          throw new Error("a locked upload could not be taken");
        await run.tx.insert(requestAnswerDocuments).values({
          requestId: request.id,
          attachmentId: row.id,
          confidentiality: confidentialityReason ? "pending" : null,
          confidentialityReason,
        });
      }
      await run.tx
        .update(municipalityRequests)
        .set({
          status: "answered",
          answerText: input.answerText,
          answeredAt: run.now,
          answeredOn: run.today,
          answeredBy: scope.actor.id,
        })
        .where(eq(municipalityRequests.id, request.id));
      const facts = {
        requestId: request.id,
        answeredOn: run.today,
        dueOn: request.dueOn,
        onTime: run.today <= request.dueOn,
        attachmentIds,
        confidential: input.documents.filter((d) => d.confidentialityReason).length,
      };
      await run.record("request_answered", facts, facts);
      // Only the pause this request caused ends with its answer (not one the handler started since).
      if (request.pauseId && (await runningPause(run))?.id === request.pauseId)
        await endRunningPause(run, run.today, "answered");
      await mailHandler(run, words, request.id);
      return OK;
    });
    if (!result.ok) for (const file of files) await discardFile(services, file);
    return result;
  } catch (err) {
    for (const file of files) await discardFile(services, file);
    throw err;
  }
}

export type ExtensionInput = { requestId: string; weeks: number; reason: string };

/** Asks for more time: one open question at a time; the handler grants or refuses it. */
export function askExtension(scope: PortalScope, input: ExtensionInput, words: LinkMail) {
  return runPortalCommand(scope, async (run) => {
    const found = await openRequestOf(run, input.requestId, "reason");
    if (found.refusal) return found.refusal;
    const { request } = found;
    const [pending] = await run.tx
      .select({ id: requestExtensions.id })
      .from(requestExtensions)
      .where(and(eq(requestExtensions.requestId, request.id), eq(requestExtensions.status, "pending")));
    if (pending) return issue("reason", "extension-pending");
    const [extension] = await run.tx
      .insert(requestExtensions)
      .values({
        requestId: request.id,
        weeks: input.weeks,
        reason: input.reason,
        askedBy: scope.actor.id,
        askedAt: run.now,
      })
      .returning({ id: requestExtensions.id });
    if (!extension) throw new Error("extension insert returned nothing");
    const facts = { requestId: request.id, extensionId: extension.id, weeks: input.weeks, dueOn: request.dueOn };
    await run.record("extension_requested", { ...facts, reason: input.reason }, facts);
    await mailHandler(run, words, request.id);
    return OK;
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

const REQUEST_COLUMNS = {
  id: municipalityRequests.id,
  kind: municipalityRequests.kind,
  questions: municipalityRequests.questions,
  documentsWanted: municipalityRequests.documentsWanted,
  sentOn: municipalityRequests.sentOn,
  termWeeks: municipalityRequests.termWeeks,
  nominalDueOn: municipalityRequests.nominalDueOn,
  skippedDays: municipalityRequests.skippedDays,
  dueOn: municipalityRequests.dueOn,
  status: municipalityRequests.status,
  answerText: municipalityRequests.answerText,
  answeredOn: municipalityRequests.answeredOn,
  answeredAt: municipalityRequests.answeredAt,
  shareId: municipalityRequests.shareId,
};

const asker = alias(users, "asker");
const decider = alias(users, "decider");
const answerer = alias(users, "answerer");

/**
 * The requests of dossiers, with their extensions and answer documents, for whoever reads them:
 * staff see all; an officer only those to their own municipality of dossiers shared with it.
 */
export async function requestsOf(db: Queryable, actor: Actor, dossierId: string) {
  const scope = scopeFor(actor);
  if (scope.kind !== "officer" && scope.kind !== "staff") return [];
  // An officer reads the requests to their own municipality only.
  const own =
    scope.kind === "officer" && "municipalityId" in actor
      ? eq(municipalityRequests.municipalityId, actor.municipalityId ?? "")
      : undefined;
  const requests = await db
    .select({ ...REQUEST_COLUMNS, answeredBy: answerer.name, dossierStatus: dossiers.status })
    .from(municipalityRequests)
    .innerJoin(dossiers, eq(dossiers.id, municipalityRequests.dossierId))
    .leftJoin(answerer, eq(answerer.id, municipalityRequests.answeredBy))
    .where(and(eq(municipalityRequests.dossierId, dossierId), own, scope.caseFile(municipalityRequests.dossierId)))
    .orderBy(desc(municipalityRequests.sentAt));
  if (requests.length === 0) return [];
  const ids = requests.map((r) => r.id);
  const shareIds = requests.flatMap((r) => (r.shareId ? [r.shareId] : []));
  const [extensions, documents, sentDocuments] = await Promise.all([
    db
      .select({
        id: requestExtensions.id,
        requestId: requestExtensions.requestId,
        weeks: requestExtensions.weeks,
        reason: requestExtensions.reason,
        askedAt: requestExtensions.askedAt,
        askedBy: asker.name,
        status: requestExtensions.status,
        decidedAt: requestExtensions.decidedAt,
        decidedBy: decider.name,
        decisionReason: requestExtensions.decisionReason,
        previousDueOn: requestExtensions.previousDueOn,
        newDueOn: requestExtensions.newDueOn,
      })
      .from(requestExtensions)
      .innerJoin(asker, eq(asker.id, requestExtensions.askedBy))
      .leftJoin(decider, eq(decider.id, requestExtensions.decidedBy))
      .where(inArray(requestExtensions.requestId, ids))
      .orderBy(asc(requestExtensions.askedAt)),
    db
      .select({
        requestId: requestAnswerDocuments.requestId,
        attachmentId: requestAnswerDocuments.attachmentId,
        fileName: dossierAttachments.fileName,
        size: dossierAttachments.size,
        confidentiality: requestAnswerDocuments.confidentiality,
        confidentialityReason: requestAnswerDocuments.confidentialityReason,
        decisionReason: requestAnswerDocuments.decisionReason,
      })
      .from(requestAnswerDocuments)
      .innerJoin(dossierAttachments, eq(dossierAttachments.id, requestAnswerDocuments.attachmentId))
      .where(inArray(requestAnswerDocuments.requestId, ids))
      .orderBy(asc(dossierAttachments.uploadedAt), asc(dossierAttachments.fileName)),
    // What was sent with a request, as far as the reader may still see it (a document made
    // ombudsman-only since is gone from the municipality's view).
    shareIds.length === 0
      ? []
      : db
          .select({
            shareId: dossierShareDocuments.shareId,
            attachmentId: dossierAttachments.id,
            fileName: dossierAttachments.fileName,
            size: dossierAttachments.size,
          })
          .from(dossierShareDocuments)
          .innerJoin(dossierAttachments, eq(dossierAttachments.id, dossierShareDocuments.attachmentId))
          .where(and(inArray(dossierShareDocuments.shareId, shareIds), scope.documents))
          .orderBy(asc(dossierAttachments.uploadedAt), asc(dossierAttachments.fileName)),
  ]);
  return requests.map(({ shareId, dossierStatus, ...r }) => ({
    ...r,
    /** Whether it still waits for an answer (and so takes answers, extensions and decisions). */
    workable: r.status === "open" && (dossierStatus !== "closed" || outlivesClosing(r.kind)),
    extensions: extensions.filter((e) => e.requestId === r.id),
    documents: documents.filter((d) => d.requestId === r.id),
    sentDocuments: sentDocuments.filter((d) => d.shareId === shareId),
  }));
}

export type RequestView = Awaited<ReturnType<typeof requestsOf>>[number];

/** The dossier's id when the officer may read it: a number of a dossier shared with their municipality. */
export async function sharedDossierId(db: Queryable, actor: Actor, number: string): Promise<string | null> {
  const scope = scopeFor(actor);
  if (scope.kind !== "officer" || !DOSSIER_NUMBER.test(number)) return null;
  const [row] = await db
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(and(eq(dossiers.number, number), scope.dossiers));
  return row?.id ?? null;
}
