import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Messages } from "#app/i18n/catalogue.server";
import { formatDate, interpolate, type Locale } from "#app/i18n/i18n";
import { countCharacters } from "#app/intake/text";
import { cleanFileName } from "#app/intake/uploads.server";
import { enqueueMail } from "#app/mail/outbox.server";
import { CSRF_FIELD } from "#app/security/csrf.server";
import { scanStoredObject } from "#app/uploads/inspect.server";
import { SNIFF_HEAD_BYTES, sniffType } from "#app/uploads/sniff";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf, daysBetween, isValidIsoDate, type IsoDate } from "#app/utils/calendar-date";
import { assertCsrf, type FieldErrors } from "#app/utils/forms.server";
import { logger } from "#app/utils/logger.server";
import { isRequestBodyError, readMultipart, type MultipartFile } from "#app/utils/multipart.server";
import type { RequestContext, Services } from "#app/utils/services.server";
import type { Database, Queryable, Transaction } from "#db/client";
import {
  attachmentCategory,
  documentVisibility,
  dossierAttachments,
  dossierContacts,
  dossierEvents,
  dossierNotes,
  dossierParties,
  dossierPauses,
  dossiers,
  pauseReason,
  users,
  type Dossier,
  type UserRole,
} from "#db/schema/index";
import { ObjectTooLargeError } from "#storage/types";
import { pausedHandlingTarget } from "./deadlines";
import { backOfficeScope, decideAct, STAFF_ROLES, type ActDecision, type UserActor } from "./scope.server";
import { validateTransition, type TransitionError } from "./workflow";

/**
 * The actions a case handler or coordinator takes on a dossier. Every function finds and locks
 * the dossier row under the actor's back-office scope, and writes the change, an append-only
 * dossier event and an audit event in one transaction: either all three exist or none does.
 * Expected refusals come back as field errors; a dossier outside the scope as `not_found`, an
 * act the policy (scope.server.ts `decideAct`) does not allow as `forbidden`.
 */

export const INTENTS = [
  "assign",
  "record_contact",
  "change_status",
  "add_note",
  "add_document",
  "set_visibility",
  "pause_clock",
  "resume_clock",
  "send_mail",
] as const;
export type Intent = (typeof INTENTS)[number];

export function isIntent(value: unknown): value is Intent {
  return typeof value === "string" && (INTENTS as readonly string[]).includes(value);
}

export const SUMMARY_MAX = 2000;
export const NOTE_MAX = 5000;
export const EXPLANATION_MAX = 2000;
const SUBJECT_MAX = 200;
const MAIL_BODY_MAX = 10_000;
const FIELD_MAX_CHARS = 20_000;

export const MAIL_TEMPLATES = ["acknowledgement", "request_information", "clock_paused", "closing"] as const satisfies readonly (keyof T["mailTemplates"])[];
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

type T = Messages["casework"];
type UploadT = Messages["intake"]["attachments"];

export type CaseworkActor = UserActor & { name: string };
export type CaseworkContext = Pick<RequestContext, "services" | "clientIp" | "requestId">;
/** Who acts on which dossier, and the language their error messages are in. */
export type CaseworkScope = { ctx: CaseworkContext; actor: CaseworkActor; number: string; messages: Messages; locale: Locale };
/** The route answers `not_found` with a 404 (and an audit row of the attempt), `forbidden` with a 403. */
export type Refusal = { ok: false; refused: Exclude<ActDecision, "allowed"> };
export type CaseworkResult = { ok: true } | { ok: false; errors: FieldErrors } | Refusal;

const OK: CaseworkResult = { ok: true };
const fail = (errors: FieldErrors): CaseworkResult => ({ ok: false, errors });
const refuse = (refused: Refusal["refused"]): Refusal => ({ ok: false, refused });
const NOT_FOUND = refuse("not_found");

// ---------------------------------------------------------------------------------------------
// One Zod schema per action. They check the shape of what was posted; the rules that need the
// dossier (dates against the submission, the workflow, who may assign) run under the row lock.

const text = () =>
  z.preprocess((v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n").trim() : v === undefined || v === null ? "" : v), z.string());

const choice = <V extends string>(values: readonly V[], message: string) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values as unknown as [V, ...V[]], { error: message }));

function longText(t: T, max: number, required: string | null) {
  return text().superRefine((v, ctx) => {
    if (v === "" && required) ctx.addIssue({ code: "custom", message: required });
    const count = countCharacters(v);
    if (count > max) ctx.addIssue({ code: "custom", message: interpolate(t.tooLong, { max, count }) });
  });
}

function dateField(t: T) {
  return text().superRefine((v, ctx) => {
    if (v === "") ctx.addIssue({ code: "custom", message: t.dateRequired });
    else if (!isValidIsoDate(v)) ctx.addIssue({ code: "custom", message: t.dateInvalid });
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const CaseworkSchemas = {
  assign: (t: T) => z.object({ assigneeId: text().pipe(z.string().regex(UUID, t.assignRequired)) }),
  record_contact: (t: T) =>
    z.object({
      contactChannel: choice(["phone", "email"] as const, t.contactChannelRequired),
      contactDate: dateField(t),
      contactSummary: longText(t, SUMMARY_MAX, t.summaryRequired),
    }),
  change_status: (t: T) =>
    z.object({
      to: text().pipe(z.string().min(1, t.statusToRequired).max(40, t.statusToRequired)),
      outcome: text().pipe(z.string().max(60, t.outcomeRequired)),
      finding: text().pipe(z.string().max(60, t.findingInvalid)),
      reason: text().pipe(z.string().max(60, t.reasonInvalid)),
      statusExplanation: longText(t, EXPLANATION_MAX, null),
    }),
  add_note: (t: T) => z.object({ note: longText(t, NOTE_MAX, t.noteRequired) }),
  add_document: (t: T) =>
    z.object({
      documentCategory: choice(attachmentCategory.enumValues, t.categoryRequired),
      documentVisibility: choice(documentVisibility.enumValues, t.visibilityRequired),
    }),
  set_visibility: (t: T) =>
    z.object({
      attachmentId: text().pipe(z.string().regex(UUID, t.documentGone)),
      visibility: choice(documentVisibility.enumValues, t.visibilityRequired),
    }),
  pause_clock: (t: T) =>
    z.object({
      pauseReason: choice(pauseReason.enumValues, t.pauseReasonRequired),
      pauseExplanation: longText(t, EXPLANATION_MAX, t.pauseExplanationRequired),
      pauseStart: dateField(t),
    }),
  resume_clock: (t: T) => z.object({ resumeEnd: dateField(t) }),
  send_mail: (t: T) =>
    z.object({
      mailTemplate: z.preprocess((v) => (v === "" ? undefined : v), z.enum(MAIL_TEMPLATES).optional()).catch(undefined),
      mailSubject: longText(t, SUBJECT_MAX, t.mailSubjectRequired).transform((v) => v.replace(/\s+/g, " ")),
      mailBody: longText(t, MAIL_BODY_MAX, t.mailBodyRequired),
    }),
} satisfies Record<Intent, (t: T) => z.ZodType>;

export type CaseworkInput<I extends keyof typeof CaseworkSchemas> = z.infer<ReturnType<(typeof CaseworkSchemas)[I]>>;

// ---------------------------------------------------------------------------------------------
// The shared steps: lock the dossier, write the event and the audit row.

type Tx = Transaction;

/**
 * Runs `work` with the dossier row locked, so two people acting at once are put in order; the
 * dossier is looked up under the actor's back-office scope, and the act must be one they may do.
 */
async function withDossier<R>(
  scope: CaseworkScope,
  work: (tx: Tx, dossier: Dossier) => Promise<R>,
  act: Parameters<typeof decideAct>[1] = { type: "work" },
): Promise<R | Refusal> {
  const where = and(eq(dossiers.number, scope.number), backOfficeScope(scope.actor).dossiers);
  return scope.ctx.services.db.transaction(async (tx) => {
    const [dossier] = await tx.select().from(dossiers).where(where).for("update");
    if (!dossier) return NOT_FOUND;
    const decision = decideAct(scope.actor, act, dossier);
    if (decision !== "allowed") return refuse(decision);
    return work(tx, dossier);
  });
}

/** The dossier's id and status, when the actor's back-office scope holds it. */
export async function findTarget(db: Queryable, scope: Pick<CaseworkScope, "actor" | "number">) {
  const [target] = await db
    .select({ id: dossiers.id, status: dossiers.status })
    .from(dossiers)
    .where(and(eq(dossiers.number, scope.number), backOfficeScope(scope.actor).dossiers));
  return target ?? null;
}

/**
 * The dossier event (the history staff read, with names and dates) and the audit row (who did
 * what from where). The audit row outlives the dossier's personal data, so it gets only ids and codes.
 */
async function recordEvent(
  tx: Tx,
  scope: CaseworkScope,
  dossier: Dossier,
  type: string,
  details: Record<string, unknown>,
  auditDetails: Record<string, unknown>,
): Promise<void> {
  await tx.insert(dossierEvents).values({ dossierId: dossier.id, at: scope.ctx.services.now(), actorUserId: scope.actor.id, type, details });
  await audit(tx, scope.ctx, scope.actor, {
    action: `dossier.${type}`,
    subjectType: "dossier",
    subjectId: dossier.id,
    details: { number: dossier.number, ...auditDetails },
  });
}

function todayOf(scope: CaseworkScope): IsoDate {
  return amsterdamDateOf(scope.ctx.services.now());
}

function closedRefusal(scope: CaseworkScope, field: string): CaseworkResult {
  return fail({ [field]: scope.messages.casework.closedNotice });
}

/** A date of something that already happened on this dossier: not in the future, not before the submission. */
function pastDateError(scope: CaseworkScope, dossier: Dossier, date: IsoDate): string | null {
  if (date > todayOf(scope)) return scope.messages.casework.dateInFuture;
  const submittedOn = amsterdamDateOf(dossier.submittedAt);
  if (date < submittedOn) return interpolate(scope.messages.casework.dateBeforeSubmission, { date: formatDate(submittedOn, scope.locale) });
  return null;
}

// ---------------------------------------------------------------------------------------------
// 1. Assignment

/**
 * A coordinator assigns a dossier to any active handler or coordinator. A handler may only
 * take it themselves, and only while it is unassigned or already theirs (`decideAct`).
 */
export async function assignDossier(scope: CaseworkScope, input: CaseworkInput<"assign">): Promise<CaseworkResult> {
  const { actor } = scope;
  const t = scope.messages.casework;
  return withDossier(scope, async (tx, dossier) => {
    if (dossier.status === "closed") return closedRefusal(scope, "assigneeId");
    const [assignee] = await tx
      .select({ id: users.id, name: users.name, role: users.role, active: users.active })
      .from(users)
      .where(eq(users.id, input.assigneeId));
    if (!assignee || !assignee.active || !(STAFF_ROLES as readonly UserRole[]).includes(assignee.role)) return fail({ assigneeId: t.assignInvalid });
    if (dossier.assigneeId === assignee.id) return fail({ assigneeId: interpolate(t.assignSame, { name: assignee.name }) });
    await tx.update(dossiers).set({ assigneeId: assignee.id }).where(eq(dossiers.id, dossier.id));
    await recordEvent(
      tx,
      scope,
      dossier,
      "assigned",
      { from: dossier.assigneeId, to: assignee.id, toName: assignee.name, taken: assignee.id === actor.id },
      { from: dossier.assigneeId, to: assignee.id },
    );
    return OK;
  }, { type: "assign", assigneeId: input.assigneeId });
}

// ---------------------------------------------------------------------------------------------
// 2. Contacts

/** The instant stored as the first contact: now when it was today, otherwise noon of that day (same Amsterdam date). */
function contactInstant(date: IsoDate, today: IsoDate, now: Date): Date {
  return date === today ? now : new Date(`${date}T12:00:00Z`);
}

/**
 * Records a phone call or e-mail with the resident. The first one meets (or misses) the 14-day
 * promise and sets `firstContactAt` for good; a dossier still "received" moves to "intake".
 */
export async function recordContact(scope: CaseworkScope, input: CaseworkInput<"record_contact">): Promise<CaseworkResult> {
  return withDossier(scope, async (tx, dossier) => {
    if (dossier.status === "closed") return closedRefusal(scope, "contactChannel");
    const dateError = pastDateError(scope, dossier, input.contactDate);
    if (dateError) return fail({ contactDate: dateError });
    const now = scope.ctx.services.now();
    const [contact] = await tx
      .insert(dossierContacts)
      .values({
        dossierId: dossier.id,
        contactedOn: input.contactDate,
        channel: input.contactChannel,
        summary: input.contactSummary,
        recordedBy: scope.actor.id,
      })
      .returning({ id: dossierContacts.id });
    if (!contact) throw new Error("contact insert returned nothing");
    const first = dossier.firstContactAt === null;
    const toIntake = dossier.status === "received";
    if (first || toIntake) {
      await tx
        .update(dossiers)
        .set({
          ...(first ? { firstContactAt: contactInstant(input.contactDate, todayOf(scope), now) } : {}),
          ...(toIntake ? { status: "intake" as const } : {}),
        })
        .where(eq(dossiers.id, dossier.id));
    }
    const facts = { contactId: contact.id, channel: input.contactChannel, contactedOn: input.contactDate, first };
    await recordEvent(tx, scope, dossier, "contact_recorded", { ...facts, contactDueOn: dossier.contactDueOn }, facts);
    if (toIntake) {
      const change = { from: "received", to: "intake", outcome: null, detail: null, trigger: "contact_recorded" };
      await recordEvent(tx, scope, dossier, "status_changed", change, change);
    }
    return OK;
  });
}

// ---------------------------------------------------------------------------------------------
// 3. Status

function transitionMessage(scope: CaseworkScope, from: Dossier["status"], error: TransitionError): string {
  const t = scope.messages.casework;
  const statusLabel = scope.messages.dossier.statuses[from];
  switch (error.field) {
    case "to":
      return interpolate(t.statusToNotAllowed, { status: statusLabel });
    case "outcome":
      return error.code === "required" ? t.outcomeRequired : interpolate(t.outcomeInvalid, { status: statusLabel });
    case "finding":
      return error.code === "required" ? t.findingRequired : t.findingInvalid;
    case "reason":
      return error.code === "required" ? t.reasonRequired : t.reasonInvalid;
  }
}

/**
 * Moves the dossier along the workflow (`validateTransition` decides). Closing stores the outcome
 * and its detail (a finding or an Awb reason code), and ends a clock pause that still runs.
 */
export async function changeStatus(scope: CaseworkScope, input: CaseworkInput<"change_status">): Promise<CaseworkResult> {
  return withDossier(scope, async (tx, dossier) => {
    const from = dossier.status;
    if (from === "closed") return closedRefusal(scope, "to");
    const closing = input.to === "closed";
    const transition = validateTransition({
      from,
      to: input.to,
      outcome: closing ? input.outcome || undefined : undefined,
      finding: closing ? input.finding || undefined : undefined,
      reason: closing ? input.reason || undefined : undefined,
    });
    if (!transition.ok) {
      const errors: FieldErrors = {};
      for (const e of transition.errors) errors[e.field] ??= transitionMessage(scope, from, e);
      return fail(errors);
    }
    const now = scope.ctx.services.now();
    if (transition.to === "closed") {
      // A closed dossier has no clock: a pause still running ends today.
      await endRunningPause(tx, scope, dossier, todayOf(scope), "closed");
      await tx
        .update(dossiers)
        .set({ status: "closed", closedAt: now, outcome: transition.outcome, outcomeDetail: transition.detail })
        .where(eq(dossiers.id, dossier.id));
    } else {
      await tx.update(dossiers).set({ status: transition.to }).where(eq(dossiers.id, dossier.id));
    }
    const change = { from, to: transition.to, outcome: transition.outcome, detail: transition.detail };
    await recordEvent(tx, scope, dossier, "status_changed", { ...change, explanation: input.statusExplanation || null }, change);
    return OK;
  });
}

// ---------------------------------------------------------------------------------------------
// 4. Notes

/** An internal note; the only action still open on a closed dossier. */
export async function addNote(scope: CaseworkScope, input: CaseworkInput<"add_note">): Promise<CaseworkResult> {
  return withDossier(scope, async (tx, dossier) => {
    const [note] = await tx
      .insert(dossierNotes)
      .values({ dossierId: dossier.id, body: input.note, authorId: scope.actor.id })
      .returning({ id: dossierNotes.id });
    if (!note) throw new Error("note insert returned nothing");
    await recordEvent(tx, scope, dossier, "note_added", { noteId: note.id }, { noteId: note.id });
    return OK;
  });
}

// ---------------------------------------------------------------------------------------------
// 5. Documents

/**
 * Changes who may see a document (Awb 9:31: a party may ask for a document not to be shared).
 * Asking for the visibility it already has changes and records nothing.
 */
export async function setVisibility(scope: CaseworkScope, input: CaseworkInput<"set_visibility">): Promise<CaseworkResult> {
  const field = `visibility-${input.attachmentId}`;
  return withDossier(scope, async (tx, dossier) => {
    if (dossier.status === "closed") return closedRefusal(scope, field);
    const [attachment] = await tx
      .select({ id: dossierAttachments.id, fileName: dossierAttachments.fileName, visibility: dossierAttachments.visibility })
      .from(dossierAttachments)
      .where(and(eq(dossierAttachments.id, input.attachmentId), eq(dossierAttachments.dossierId, dossier.id), backOfficeScope(scope.actor).documents));
    if (!attachment) return fail({ [field]: scope.messages.casework.documentGone });
    if (attachment.visibility === input.visibility) return OK;
    await tx.update(dossierAttachments).set({ visibility: input.visibility }).where(eq(dossierAttachments.id, attachment.id));
    const change = { attachmentId: attachment.id, from: attachment.visibility, to: input.visibility };
    await recordEvent(tx, scope, dossier, "visibility_changed", { ...change, fileName: attachment.fileName }, change);
    return OK;
  });
}

export type DocumentUpload = CaseworkResult & { values: Record<string, string> };

type StoredFile = { key: string; fileName: string; contentType: string; size: number; sha256: string };

/**
 * A document added by staff, from a plain multipart form: the CSRF token must come before the
 * file; the file's first bytes decide its type (the intake's refusals, in the same words); the
 * bytes stream to storage under the size limit and are never held whole in memory. A refused
 * file leaves nothing in storage; an accepted one is recorded with who added it and who may see it.
 */
export async function receiveDocument(scope: CaseworkScope, request: Request, ut: UploadT): Promise<DocumentUpload> {
  const { ctx, actor } = scope;
  const t = scope.messages.casework;
  const services: Services = ctx.services;
  const target = await findTarget(services.db, scope);
  if (!target) return { ...NOT_FOUND, values: {} };

  const limit = services.env.uploads.maxFileBytes;
  const mb = Math.round(limit / 1024 / 1024);
  const fields: Record<string, string> = {};
  let csrfChecked = false;
  let stored: StoredFile | null = null;
  let fileError: string | null = null;
  let sawFile = false;

  const onField = (name: string, value: string) => {
    if (name === CSRF_FIELD) {
      assertCsrf(request, value, ctx);
      csrfChecked = true;
    } else fields[name] = value;
  };

  const onFile = async ({ name, filename, data }: MultipartFile): Promise<void> => {
    if (!csrfChecked) throw new Response("Forbidden: invalid or missing CSRF token", { status: 403, statusText: "CSRF" });
    const source = data[Symbol.asyncIterator]();
    let done = false;
    const next = async () => {
      const r = await source.next();
      if (r.done) done = true;
      return r;
    };
    try {
      // One file per post; an empty file input (nothing chosen) arrives with an empty name.
      if (name !== "file" || filename === "" || sawFile || target.status === "closed") return undefined;
      sawFile = true;
      const fileName = cleanFileName(filename);
      const head: Uint8Array[] = [];
      let headBytes = 0;
      while (headBytes < SNIFF_HEAD_BYTES) {
        const r = await next();
        if (r.done) break;
        head.push(r.value);
        headBytes += r.value.length;
      }
      const sniffed = sniffType(Buffer.concat(head), fileName);
      if (!sniffed.ok) {
        fileError = interpolate(sniffed.reason === "empty" ? ut.empty : ut.badType, { name: fileName });
        return undefined;
      }
      const key = `attachments/${randomUUID()}`;
      const body: AsyncIterable<Uint8Array> = {
        async *[Symbol.asyncIterator]() {
          yield* head;
          for (;;) {
            const r = await next();
            if (r.done) return;
            yield r.value;
          }
        },
      };
      try {
        const object = await services.storage.put(key, body, { maxBytes: limit, contentType: sniffed.contentType });
        stored = { key, fileName, contentType: sniffed.contentType, size: object.size, sha256: object.sha256 };
      } catch (err) {
        if (err instanceof ObjectTooLargeError) {
          fileError = interpolate(ut.tooLarge, { name: fileName, mb });
          return undefined;
        }
        await services.storage.delete(key).catch(() => undefined);
        // A body cut at its limit or unreadable is the request's fault, answered by the HTTP layer.
        if (isRequestBodyError(err)) throw err;
        logger.error("document upload failed", { err });
        fileError = ut.storageFailed;
      }
      return undefined;
    } finally {
      // Whatever was not taken is read to the end, so the next part of the post can be parsed.
      while (!done) await next();
    }
  };

  try {
    await readMultipart(request, { maxFieldChars: FIELD_MAX_CHARS, onField, onFile });
  } catch (err) {
    await discard(services, stored);
    throw err;
  }
  if (!csrfChecked) {
    await discard(services, stored);
    throw new Response("Forbidden: invalid or missing CSRF token", { status: 403, statusText: "CSRF" });
  }
  const values = { documentCategory: fields.documentCategory ?? "", documentVisibility: fields.documentVisibility ?? "" };
  const file = stored as StoredFile | null;

  const parsed = CaseworkSchemas.add_document(t).safeParse(values);
  const errors: FieldErrors = {};
  if (target.status === "closed") errors.file = t.closedNotice;
  else if (fileError) errors.file = fileError;
  else if (!file) errors.file = t.fileRequired;
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  if (Object.keys(errors).length > 0 || !parsed.success || !file) {
    await discard(services, file);
    return { ok: false, errors, values };
  }

  const scan = await scanDocument(services, file, ut);
  if (scan) {
    await discard(services, file);
    return { ok: false, errors: { file: scan }, values };
  }

  try {
    const result = await withDossier(scope, async (tx, dossier): Promise<CaseworkResult> => {
      if (dossier.status === "closed") return fail({ file: t.closedNotice });
      const [row] = await tx
        .insert(dossierAttachments)
        .values({
          dossierId: dossier.id,
          category: parsed.data.documentCategory,
          storageKey: file.key,
          fileName: file.fileName,
          contentType: file.contentType,
          size: file.size,
          sha256: file.sha256,
          visibility: parsed.data.documentVisibility,
          uploadedAt: services.now(),
          addedBy: actor.id,
        })
        .returning({ id: dossierAttachments.id });
      if (!row) throw new Error("attachment insert returned nothing");
      const facts = { attachmentId: row.id, category: parsed.data.documentCategory, visibility: parsed.data.documentVisibility, size: file.size };
      await recordEvent(tx, scope, dossier, "document_added", { ...facts, fileName: file.fileName, contentType: file.contentType }, facts);
      return OK;
    });
    if (!result.ok) await discard(services, file);
    return { ...result, values };
  } catch (err) {
    await discard(services, file);
    throw err;
  }
}

async function discard(services: Services, file: StoredFile | null): Promise<void> {
  if (!file) return;
  await services.storage.delete(file.key).catch((err: unknown) => logger.warn("could not delete refused document", { err, key: file.key }));
}

/** A virus scan when a scanner is configured; the message to show, or null when the file may stay. */
async function scanDocument(services: Services, file: StoredFile, ut: UploadT): Promise<string | null> {
  const verdict = await scanStoredObject(services, file.key);
  if (verdict === "clean") return null;
  return interpolate(verdict === "infected" ? ut.infected : ut.scanFailed, { name: file.fileName });
}

// ---------------------------------------------------------------------------------------------
// 6. Clock pauses (MOJ stop-the-clock)

/** The handling target with every pause of the dossier, the running one counted up to `today`. */
async function handlingTargetOf(tx: Tx, services: Services, dossier: Dossier, today: IsoDate): Promise<IsoDate> {
  const pauses = await tx
    .select({ startedOn: dossierPauses.startedOn, endedOn: dossierPauses.endedOn })
    .from(dossierPauses)
    .where(eq(dossierPauses.dossierId, dossier.id));
  return pausedHandlingTarget(amsterdamDateOf(dossier.submittedAt), services.env.handlingTargetWeeks, pauses, today).target;
}

async function runningPause(tx: Tx, dossierId: string) {
  const [pause] = await tx
    .select()
    .from(dossierPauses)
    .where(and(eq(dossierPauses.dossierId, dossierId), isNull(dossierPauses.endedOn)));
  return pause ?? null;
}

/** Ends the running pause (if any) on `endedOn`, stores the new target and records it. */
async function endRunningPause(tx: Tx, scope: CaseworkScope, dossier: Dossier, endedOn: IsoDate, trigger: "resumed" | "closed") {
  const pause = await runningPause(tx, dossier.id);
  if (!pause) return null;
  const end = endedOn < pause.startedOn ? pause.startedOn : endedOn;
  await tx.update(dossierPauses).set({ endedOn: end }).where(eq(dossierPauses.id, pause.id));
  const handlingDueOn = await handlingTargetOf(tx, scope.ctx.services, dossier, todayOf(scope));
  await tx.update(dossiers).set({ handlingDueOn }).where(eq(dossiers.id, dossier.id));
  const days = daysBetween(pause.startedOn, end);
  const facts = { pauseId: pause.id, reason: pause.reason, startedOn: pause.startedOn, endedOn: end, days, handlingDueOn, trigger };
  await recordEvent(tx, scope, dossier, "clock_resumed", facts, facts);
  return { handlingDueOn };
}

/** Stops the clock; only one pause runs at a time and a closed dossier has no clock. */
export async function pauseClock(scope: CaseworkScope, input: CaseworkInput<"pause_clock">): Promise<CaseworkResult> {
  const t = scope.messages.casework;
  return withDossier(scope, async (tx, dossier) => {
    if (dossier.status === "closed") return closedRefusal(scope, "pauseReason");
    if (await runningPause(tx, dossier.id)) return fail({ pauseReason: t.pauseAlreadyRunning });
    const dateError = pastDateError(scope, dossier, input.pauseStart);
    if (dateError) return fail({ pauseStart: dateError });
    const [last] = await tx
      .select({ endedOn: dossierPauses.endedOn })
      .from(dossierPauses)
      .where(eq(dossierPauses.dossierId, dossier.id))
      .orderBy(desc(dossierPauses.endedOn))
      .limit(1);
    if (last?.endedOn && input.pauseStart < last.endedOn) {
      return fail({ pauseStart: interpolate(t.pauseOverlaps, { date: formatDate(last.endedOn, scope.locale) }) });
    }
    const [pause] = await tx
      .insert(dossierPauses)
      .values({
        dossierId: dossier.id,
        reason: input.pauseReason,
        explanation: input.pauseExplanation,
        startedOn: input.pauseStart,
        createdBy: scope.actor.id,
      })
      .returning({ id: dossierPauses.id });
    if (!pause) throw new Error("pause insert returned nothing");
    const handlingDueOn = await handlingTargetOf(tx, scope.ctx.services, dossier, todayOf(scope));
    await tx.update(dossiers).set({ handlingDueOn }).where(eq(dossiers.id, dossier.id));
    const facts = { pauseId: pause.id, reason: input.pauseReason, startedOn: input.pauseStart, handlingDueOn };
    await recordEvent(tx, scope, dossier, "clock_paused", facts, facts);
    return OK;
  });
}

/** Lets the clock run again from `resumeEnd`; the handling target moves by the days it stood still. */
export async function resumeClock(scope: CaseworkScope, input: CaseworkInput<"resume_clock">): Promise<CaseworkResult> {
  const t = scope.messages.casework;
  return withDossier(scope, async (tx, dossier) => {
    if (dossier.status === "closed") return closedRefusal(scope, "resumeEnd");
    const pause = await runningPause(tx, dossier.id);
    if (!pause) return fail({ resumeEnd: t.resumeNotRunning });
    if (input.resumeEnd > todayOf(scope)) return fail({ resumeEnd: t.dateInFuture });
    if (input.resumeEnd < pause.startedOn) return fail({ resumeEnd: interpolate(t.resumeBeforeStart, { date: formatDate(pause.startedOn, scope.locale) }) });
    await endRunningPause(tx, scope, dossier, input.resumeEnd, "resumed");
    return OK;
  });
}

/**
 * While a pause runs, the target moves a day each day. The page calls this with what it
 * computed, so the stored target (which the queue sorts on) follows without a separate job.
 */
export async function syncHandlingDueOn(db: Database, { actor, dossierId, target }: { actor: UserActor; dossierId: string; target: IsoDate }): Promise<void> {
  await db
    .update(dossiers)
    .set({ handlingDueOn: target })
    .where(and(eq(dossiers.id, dossierId), ne(dossiers.status, "closed"), ne(dossiers.handlingDueOn, target), backOfficeScope(actor).dossiers));
}

// ---------------------------------------------------------------------------------------------
// 7. Mail to the resident

export type MailValues = { naam: string; dossiernummer: string; behandelaar: string };

/** Fills the three placeholders of the standard texts; any other {word} stays as written. */
export function fillPlaceholders(template: string, values: MailValues): string {
  return interpolate(template, values);
}

/** A standard text in the resident's language, placeholders filled. */
export function standardText(messages: Messages, template: MailTemplate, values: MailValues): { subject: string; body: string } {
  const text = messages.casework.mailTemplates[template];
  return { subject: fillPlaceholders(text.subject, values), body: fillPlaceholders(text.body, values) };
}

/** Who receives mail about the dossier: the representative when there is one, otherwise the complainant. */
export async function contactParty(db: Queryable, dossier: Pick<Dossier, "id" | "byRepresentative">, actor: UserActor) {
  const role = dossier.byRepresentative ? "representative" : "complainant";
  const [party] = await db
    .select({ name: dossierParties.name, email: dossierParties.email })
    .from(dossierParties)
    .where(and(eq(dossierParties.dossierId, dossier.id), eq(dossierParties.role, role), backOfficeScope(actor).caseFile(dossierParties.dossierId)));
  return party ?? null;
}

/** The values for {naam}, {dossiernummer} and {behandelaar}: the handler is the assignee, or else the sender. */
export async function mailValues(db: Queryable, dossier: Pick<Dossier, "id" | "number" | "byRepresentative" | "assigneeId">, actor: CaseworkActor) {
  const party = await contactParty(db, dossier, actor);
  let handler = actor.name;
  if (dossier.assigneeId) {
    const [assignee] = await db.select({ name: users.name }).from(users).where(eq(users.id, dossier.assigneeId));
    if (assignee) handler = assignee.name;
  }
  return { party, values: { naam: party?.name ?? "", dossiernummer: dossier.number, behandelaar: handler } satisfies MailValues };
}

/** Text a standard text asks the handler to replace: "[Vul hier …]" / "[Fill in …]". */
const UNFILLED = /\[(?:vul|fill)\b[^\]]*\]/i;

/**
 * Puts a mail to the resident in the outbox, in the same transaction as its `mail_sent` event,
 * in the resident's language. Refused when the contact party has no e-mail address.
 */
export async function sendMail(scope: CaseworkScope, input: CaseworkInput<"send_mail">): Promise<CaseworkResult> {
  const t = scope.messages.casework;
  const result = await withDossier(scope, async (tx, dossier) => {
    if (dossier.status === "closed") return closedRefusal(scope, "mailSubject");
    const { party, values } = await mailValues(tx, dossier, scope.actor);
    if (!party?.email) return fail({ mailTo: interpolate(t.mailNoAddress, { name: party?.name ?? "" }) });
    if (UNFILLED.test(input.mailBody) || UNFILLED.test(input.mailSubject)) {
      return fail(UNFILLED.test(input.mailSubject) ? { mailSubject: t.mailUnfilled } : { mailBody: t.mailUnfilled });
    }
    const locale: Locale = dossier.locale === "en" ? "en" : "nl";
    const subject = fillPlaceholders(input.mailSubject, values);
    const body = fillPlaceholders(input.mailBody, values);
    const mail = await enqueueMail(tx, {
      to: party.email,
      subject,
      text: body,
      locale,
      kind: "dossier-message",
      subjectType: "dossier",
      subjectId: dossier.id,
    });
    const facts = { outboxId: mail.id, template: input.mailTemplate ?? null, locale };
    await recordEvent(tx, scope, dossier, "mail_sent", { ...facts, to: party.email, subject }, facts);
    return OK;
  });
  if (result.ok) scope.ctx.services.wakeMailWorker();
  return result;
}

/**
 * While a pause runs the handling target moves a day each day; the queue reads the stored
 * target, so housekeeping brings every running pause's dossier up to date (the same sum as
 * `pausedHandlingTarget`, in one statement).
 */
export async function refreshRunningPauses(services: Pick<RequestContext["services"], "db" | "env" | "now">): Promise<number> {
  const today = amsterdamDateOf(services.now());
  const updated = await services.db.execute(sql`
    UPDATE dossiers d
       SET handling_due_on = (d.submitted_at AT TIME ZONE 'Europe/Amsterdam')::date + ${services.env.handlingTargetWeeks * 7}::int
                             + (SELECT coalesce(sum(greatest(0, coalesce(p.ended_on, ${today}::date) - p.started_on)), 0)::int
                                  FROM dossier_pauses p WHERE p.dossier_id = d.id)
     WHERE d.status <> 'closed'
       AND EXISTS (SELECT 1 FROM dossier_pauses p WHERE p.dossier_id = d.id AND p.ended_on IS NULL)
    RETURNING d.id`);
  return (Array.isArray(updated) ? updated : (updated as { rows: unknown[] }).rows).length;
}
