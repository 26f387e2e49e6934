import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { CSRF_FIELD } from "#app/security/csrf.server";
import { addDraftAttachment, createDraft, DRAFT_COOKIE, getDraft, saveAnswers } from "#app/intake/drafts.server";
import type { Answers, StepId } from "#app/intake/journey";
import { newAttachmentKey } from "#app/uploads/uploads.server";
import { addDays, amsterdamDateOf } from "#app/utils/calendar-date";
import type { Services } from "#app/utils/services.server";
import * as municipalityRoute from "#app/routes/klacht.gemeente";
import * as topicRoute from "#app/routes/klacht.onderwerp";
import * as courtRoute from "#app/routes/klacht.rechter";
import * as firstLineRoute from "#app/routes/klacht.eerst-geklaagd";
import * as receivedOnRoute from "#app/routes/klacht.ontvangen";
import * as answerRoute from "#app/routes/klacht.antwoord";
import * as answerDateRoute from "#app/routes/klacht.antwoorddatum";
import * as postponedDateRoute from "#app/routes/klacht.uitstel";
import * as outcomeRoute from "#app/routes/klacht.uitkomst";
import * as forWhomRoute from "#app/routes/klacht.voor-wie";
import * as contactRoute from "#app/routes/klacht.gegevens";
import * as representedRoute from "#app/routes/klacht.vertegenwoordigde";
import * as mandateRoute from "#app/routes/klacht.machtiging";
import * as complaintRoute from "#app/routes/klacht.uw-klacht";
import * as attachmentsRoute from "#app/routes/klacht.bijlagen";
import * as reviewRoute from "#app/routes/klacht.controleren";
import * as indexRoute from "#app/routes/klacht._index";
import * as sentRoute from "#app/routes/klacht.verzonden";
import * as exitRoute from "#app/routes/klacht.doorverwijzing.$reden";
import {
  draftAttachments,
  intakeDrafts,
  type AttachmentCategory,
  type DraftAttachment,
  type IntakeDraft,
} from "#db/schema/index";
import { contextFor, cookieFrom, getRequest, postForm, settle, BASE_URL } from "./app";

/**
 * Drives the resident's complaint form the way a browser without JavaScript does: every step
 * through its real loader and action, the draft cookie carried from one request to the next.
 */

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
type Action = (args: ActionFunctionArgs) => Promise<unknown>;

export const STEP_ROUTES: Record<StepId, { loader: Loader; action: Action }> = {
  municipality: municipalityRoute,
  topic: topicRoute,
  court: courtRoute,
  firstLine: firstLineRoute,
  receivedOn: receivedOnRoute,
  answer: answerRoute,
  answerDate: answerDateRoute,
  postponedDate: postponedDateRoute,
  outcome: outcomeRoute,
  forWhom: forWhomRoute,
  contact: contactRoute,
  represented: representedRoute,
  mandate: mandateRoute,
  complaint: complaintRoute,
  attachments: attachmentsRoute,
  review: reviewRoute,
};

export const PATHS: Record<StepId, string> = {
  municipality: "/klacht/gemeente",
  topic: "/klacht/onderwerp",
  court: "/klacht/rechter",
  firstLine: "/klacht/eerst-geklaagd",
  receivedOn: "/klacht/ontvangen",
  answer: "/klacht/antwoord",
  answerDate: "/klacht/antwoorddatum",
  postponedDate: "/klacht/uitstel",
  outcome: "/klacht/uitkomst",
  forWhom: "/klacht/voor-wie",
  contact: "/klacht/gegevens",
  represented: "/klacht/vertegenwoordigde",
  mandate: "/klacht/machtiging",
  complaint: "/klacht/uw-klacht",
  attachments: "/klacht/bijlagen",
  review: "/klacht/controleren",
};

/** What an action returned with `data(...)`: the payload and its status. */
export type DataResult<T = Record<string, unknown>> = { data: T; init: { status: number } | null };

export function isData<T = Record<string, unknown>>(value: unknown): value is DataResult<T> {
  return (
    typeof value === "object" && value !== null && "data" in value && "init" in value && !(value instanceof Response)
  );
}

export function asData<T = Record<string, unknown>>(value: unknown): DataResult<T> {
  if (!isData<T>(value)) throw new Error(`expected data(...), got ${describe(value)}`);
  return value;
}

export function asResponse(value: unknown): Response {
  if (!(value instanceof Response)) throw new Error(`expected a Response, got ${describe(value)}`);
  return value;
}

/** The Location of a redirect; fails loudly on anything else. */
export function locationOf(value: unknown): string {
  const res = asResponse(value);
  if (res.status < 300 || res.status >= 400) throw new Error(`expected a redirect, got ${res.status}`);
  return res.headers.get("Location") ?? "";
}

function describe(value: unknown): string {
  if (value instanceof Response) return `Response ${value.status} → ${value.headers.get("Location") ?? ""}`;
  try {
    return JSON.stringify(value).slice(0, 500);
  } catch {
    return String(value);
  }
}

export type UploadFile = { field: AttachmentCategory | string; name: string; body: Uint8Array | string; type?: string };

/** One resident's browser: the draft cookie it was given, and its language choice. */
export class IntakeBrowser {
  draftCookie: string | undefined;

  constructor(
    public services: Services,
    public options: { lang?: "nl" | "en" } = {},
  ) {}

  /** The same browser (cookies) talking to other services, e.g. with other limits or a storage outage. */
  withServices(services: Services): IntakeBrowser {
    const other = new IntakeBrowser(services, this.options);
    other.draftCookie = this.draftCookie;
    return other;
  }

  get cookie(): string | undefined {
    const parts = [this.draftCookie, this.options.lang ? `oma_lang=${this.options.lang}` : undefined].filter(Boolean);
    return parts.length > 0 ? parts.join("; ") : undefined;
  }

  private remember(result: unknown): void {
    if (result instanceof Response) {
      const set = cookieFrom(result, DRAFT_COOKIE);
      if (set !== undefined) this.draftCookie = set === `${DRAFT_COOKIE}=` ? undefined : set;
    }
  }

  async get(pathname: string, fn: Loader, params: Record<string, string> = {}): Promise<unknown> {
    const request = getRequest(pathname, { cookie: this.cookie });
    const result = await settle(() => fn({ request, context: contextFor(this.services), params }));
    this.remember(result);
    return result;
  }

  /** A step's loader. */
  load(step: StepId, query = ""): Promise<unknown> {
    return this.get(PATHS[step] + query, STEP_ROUTES[step].loader);
  }

  /** /klacht: start or resume. */
  resume(): Promise<unknown> {
    return this.get("/klacht", indexRoute.loader);
  }

  confirmation(): Promise<unknown> {
    return this.get("/klacht/verzonden", sentRoute.loader);
  }

  exit(slug: string): Promise<unknown> {
    return this.get(`/klacht/doorverwijzing/${slug}`, exitRoute.loader, { reden: slug });
  }

  /** Posts a step's form (urlencoded, with the CSRF token unless `csrf: false`). */
  async answer(
    step: StepId,
    fields: Record<string, string>,
    options: { csrf?: boolean; query?: string } = {},
  ): Promise<unknown> {
    const request = postForm(PATHS[step] + (options.query ?? ""), this.services, fields, {
      cookie: this.cookie,
      csrf: options.csrf,
    });
    const result = await settle(() =>
      STEP_ROUTES[step].action({ request, context: contextFor(this.services), params: {} }),
    );
    this.remember(result);
    return result;
  }

  /**
   * Posts an upload step's form as a browser does: multipart/form-data built with FormData,
   * `_csrf` first (unless told to put it after the files, or leave it out), then the fields, then the files.
   */
  async uploadFiles(
    step: "mandate" | "attachments",
    files: UploadFile[],
    options: { fields?: Record<string, string>; csrf?: "first" | "after-files" | "none"; query?: string } = {},
  ): Promise<unknown> {
    const token = contextFor(this.services).csrfToken;
    const csrf = options.csrf ?? "first";
    const form = new FormData();
    if (csrf === "first") form.append(CSRF_FIELD, token);
    for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
    for (const f of files) {
      // A copy in a plain ArrayBuffer: what File accepts, whatever buffer the bytes came in.
      const bytes = typeof f.body === "string" ? new TextEncoder().encode(f.body) : new Uint8Array(f.body);
      form.append(f.field, new File([bytes], f.name, { type: f.type ?? "application/octet-stream" }));
    }
    if (csrf === "after-files") form.append(CSRF_FIELD, token);
    // The CSRF seed cookie exactly as getRequest sends it.
    const cookieHeader = getRequest("/", { cookie: this.cookie }).headers.get("Cookie") ?? "";
    const request = new Request(new URL(PATHS[step] + (options.query ?? ""), BASE_URL), {
      method: "POST",
      body: form,
      headers: { Cookie: cookieHeader },
    });
    const result = await settle(() =>
      STEP_ROUTES[step].action({ request, context: contextFor(this.services), params: {} }),
    );
    this.remember(result);
    return result;
  }

  /** Ticks the consent box and sends the complaint. */
  submit(fields: Record<string, string> = { consent: "ja" }): Promise<unknown> {
    return this.answer("review", fields);
  }

  /** The draft row behind this browser's cookie. */
  async draft(): Promise<IntakeDraft & { answers: Answers }> {
    const id = await this.draftId();
    const [row] = await this.services.db.select().from(intakeDrafts).where(eq(intakeDrafts.id, id));
    if (!row) throw new Error("draft row is gone");
    return { ...row, answers: row.answers as Answers };
  }

  async draftId(): Promise<string> {
    if (!this.draftCookie) throw new Error("this browser has no draft cookie");
    const draft = await getDraft(getRequest("/", { cookie: this.draftCookie }), this.services);
    if (draft) return draft.id;
    // Expired drafts are not returned by getDraft; find the row by the token's hash.
    const token = decodeURIComponent(this.draftCookie.slice(DRAFT_COOKIE.length + 1));
    const hash = createHash("sha256").update(token).digest("hex");
    const [row] = await this.services.db
      .select({ id: intakeDrafts.id })
      .from(intakeDrafts)
      .where(eq(intakeDrafts.tokenHash, hash));
    if (!row) throw new Error("no draft row for this cookie");
    return row.id;
  }

  async attachments(): Promise<DraftAttachment[]> {
    const id = await this.draftId();
    return this.services.db.select().from(draftAttachments).where(eq(draftAttachments.draftId, id));
  }
}

/** A calendar date as the three inputs of a GOV.UK date question. */
export function dateFields(iso: string, prefix = ""): Record<string, string> {
  return {
    [`${prefix}day`]: String(Number(iso.slice(8, 10))),
    [`${prefix}month`]: String(Number(iso.slice(5, 7))),
    [`${prefix}year`]: iso.slice(0, 4),
  };
}

export const PDF_BYTES = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/antwoord-gemeente.pdf"));
export const MANDATE_BYTES = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% machtiging ondertekend\n%%EOF\n",
);

export const RESIDENT = {
  name: "Fatima el Amrani",
  street: "Javastraat",
  houseNumber: "12-2",
  postcode: "1094hc",
  city: "Amsterdam",
  email: "Fatima@Example.test",
  phone: "06 1234 5678",
  preferredChannel: "email",
};

export const REPRESENTATIVE = {
  name: "Joost de Vries",
  street: "Kinkerstraat",
  houseNumber: "88",
  postcode: "1053 DZ",
  city: "Amsterdam",
  email: "joost@example.test",
  phone: "",
  preferredChannel: "email",
};

export const REPRESENTED = {
  name: "Mevrouw A. Bakker",
  street: "Dapperstraat",
  houseNumber: "3 hs",
  postcode: "1093 BS",
  city: "Amsterdam",
};

export const COMPLAINT_TEXT =
  "Ik heb drie keer gebeld over mijn aanvraag.\nNiemand belde terug, ook niet na mijn klacht.";

export type CaseOptions = {
  /** The resident's "today" (Amsterdam); every date is placed relative to it. */
  today: string;
  municipalityId?: string;
  representative?: boolean;
  answered?: boolean;
  /** Overrides the receipt date (default: today − 120 days when answered, − 100 when not). */
  receivedOn?: string;
  answeredOn?: string;
};

/** The dates of an eligible case relative to `today`. */
export function caseDates(o: CaseOptions) {
  const answered = o.answered ?? true;
  const receivedOn = o.receivedOn ?? addDays(o.today, answered ? -120 : -100);
  return {
    receivedOn,
    answeredOn: answered ? (o.answeredOn ?? addDays(o.today, -60)) : undefined,
    incidentDate: addDays(receivedOn, -30),
  };
}

/**
 * Fills in every step of an eligible case through the real actions, up to the review page, and
 * returns where the last step sent the browser. Uploads the municipality's answer (when answered)
 * and the mandate (for a representative) as real multipart posts.
 */
export async function fillEligibleCase(browser: IntakeBrowser, o: CaseOptions): Promise<string> {
  const d = caseDates(o);
  const answered = o.answered ?? true;
  const steps: [StepId, Record<string, string>][] = [
    ["municipality", { municipalityId: o.municipalityId ?? "amsterdam" }],
    ["topic", { topic: "conduct" }],
    ["court", { courtCase: "no" }],
    ["firstLine", { complainedFirst: "yes" }],
    ["receivedOn", dateFields(d.receivedOn)],
    ["answer", { answerStatus: answered ? "answered" : "not_answered" }],
  ];
  if (d.answeredOn) steps.push(["answerDate", dateFields(d.answeredOn)]);
  steps.push(["outcome", {}], ["forWhom", { forWhom: o.representative ? "other" : "self" }]);
  steps.push(["contact", o.representative ? REPRESENTATIVE : RESIDENT]);
  for (const [step, fields] of steps) expectRedirect(step, await browser.answer(step, fields));
  if (o.representative) {
    expectRedirect("represented", await browser.answer("represented", REPRESENTED));
    expectRedirect(
      "mandate",
      await browser.uploadFiles(
        "mandate",
        [{ field: "mandate", name: "Machtiging getekend.pdf", body: MANDATE_BYTES, type: "application/pdf" }],
        {
          fields: { intent: "continue" },
        },
      ),
    );
  }
  expectRedirect(
    "complaint",
    await browser.answer("complaint", {
      text: COMPLAINT_TEXT,
      place: "Telefonisch, Klantcontactcentrum",
      people: "Een medewerker van Burgerzaken",
      desiredOutcome: "Dat ik eindelijk antwoord krijg.",
      ...dateFields(d.incidentDate),
    }),
  );
  const files: UploadFile[] = answered
    ? [{ field: "municipality_answer", name: "Antwoord gemeente.pdf", body: PDF_BYTES, type: "application/pdf" }]
    : [];
  return expectRedirect(
    "attachments",
    await browser.uploadFiles("attachments", files, { fields: { intent: "continue" } }),
  );
}

function expectRedirect(step: StepId, result: unknown): string {
  if (result instanceof Response && result.status >= 300 && result.status < 400)
    return result.headers.get("Location") ?? "";
  throw new Error(`step ${step} did not move on: ${describe(result)}`);
}

/**
 * A draft stored as the form leaves it after every step, written straight into the database
 * (for tests that need many drafts, or a draft to tamper with). The answers are the ones the
 * steps' schemas produce; the files are put in storage and recorded on the draft.
 */
export async function seedDraft(
  services: Services,
  o: CaseOptions & { lang?: "nl" | "en"; files?: UploadFile[]; answers?: Partial<Answers> },
): Promise<IntakeBrowser> {
  const d = caseDates(o);
  const answered = o.answered ?? true;
  const lang = o.lang ?? "nl";
  const { draft, cookie } = await createDraft(services, lang);
  const rep = o.representative === true;
  const person = rep ? REPRESENTATIVE : RESIDENT;
  const answers: Answers = {
    municipalityId: o.municipalityId ?? "amsterdam",
    topic: "conduct",
    courtCase: "no",
    complainedFirst: "yes",
    complaintReceivedOn: d.receivedOn,
    answerStatus: answered ? "answered" : "not_answered",
    ...(d.answeredOn ? { answeredOn: d.answeredOn } : {}),
    outcomeAcknowledged: true,
    forWhom: rep ? "other" : "self",
    contact: {
      name: person.name,
      street: person.street,
      houseNumber: person.houseNumber,
      postcode: rep ? "1053 DZ" : "1094 HC",
      city: person.city,
      email: person.email.toLowerCase(),
      ...(rep ? {} : { phone: "0612345678" }),
      preferredChannel: "email",
    },
    ...(rep ? { represented: { ...REPRESENTED, houseNumber: "3 hs" }, mandateDone: true } : {}),
    complaint: { text: COMPLAINT_TEXT, place: "Telefonisch", date: d.incidentDate },
    attachmentsDone: true,
    ...o.answers,
  };
  for (const [key, value] of Object.entries(answers)) if (value === undefined) delete answers[key as keyof Answers];
  await saveAnswers(services, draft, answers, lang);
  const files = o.files ?? [
    ...(answered
      ? [{ field: "municipality_answer", name: "Antwoord gemeente.pdf", body: PDF_BYTES, type: "application/pdf" }]
      : []),
    ...(rep ? [{ field: "mandate", name: "Machtiging.pdf", body: MANDATE_BYTES, type: "application/pdf" }] : []),
  ];
  for (const f of files) {
    const bytes = typeof f.body === "string" ? Buffer.from(f.body, "utf8") : f.body;
    const key = newAttachmentKey();
    const stored = await services.storage.put(key, Readable.from([bytes]), {
      maxBytes: 100 * 1024 * 1024,
      contentType: f.type,
    });
    await addDraftAttachment(services.db, {
      draftId: draft.id,
      category: f.field as AttachmentCategory,
      storageKey: key,
      fileName: f.name,
      contentType: f.type ?? "application/pdf",
      size: stored.size,
      sha256: stored.sha256,
    });
  }
  const browser = new IntakeBrowser(services, { lang });
  browser.draftCookie = cookie.split(";")[0];
  return browser;
}

/** Every key in storage under a prefix. */
export async function storedKeys(services: Pick<Services, "storage">, prefix = ""): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of services.storage.list(prefix)) keys.push(o.key);
  return keys;
}

export async function readObject(services: Pick<Services, "storage">, key: string): Promise<Buffer> {
  const { body } = await services.storage.get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The Amsterdam date of a services' clock. */
export function todayOf(services: Pick<Services, "now">): string {
  return amsterdamDateOf(services.now());
}
