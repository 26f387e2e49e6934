import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import type { Locale } from "#app/i18n/catalogue.server";
import type { RequestContext, Services } from "#app/utils/services.server";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { logger } from "#app/utils/logger.server";
import type { Queryable } from "#db/client";
import {
  draftAttachments,
  intakeDrafts,
  type AttachmentCategory,
  type DraftAttachment,
  type IntakeDraft,
  type Municipality,
} from "#db/schema/index";
import type { Answers } from "./journey";

/**
 * Drafts tie a resident's answers to their browser by an httpOnly cookie holding a random
 * token; only its hash is stored, so a database reader cannot take over a draft.
 */

export const DRAFT_COOKIE = "oma_klacht";

export type Draft = Omit<IntakeDraft, "answers"> & {
  answers: Answers;
  /** The municipality the answers name, read with the draft (null when none or unknown). */
  municipality: Municipality | null;
  /** The draft's files, when asked for with the draft. */
  attachments?: DraftAttachment[];
};

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function draftCookie(services: Services, token: string, maxAgeSeconds: number): string {
  return serializeCookie(DRAFT_COOKIE, token, { secure: services.env.isProduction, sameSite: "Lax", maxAgeSeconds });
}

export function clearDraftCookie(services: Services): string {
  return draftCookie(services, "", 0);
}

/** The browser's live draft, or null (none, unknown token or expired). Includes a submitted draft. */
/**
 * The browser's live draft, or null (none, unknown token or expired); includes a submitted
 * draft. Every step reads it, so it is one prepared statement that also brings the chosen
 * municipality and, when asked, the files.
 */
export async function getDraft(
  request: Request,
  services: Services,
  options: { withAttachments?: boolean } = {},
): Promise<Draft | null> {
  const token = readCookie(request.headers.get("cookie"), DRAFT_COOKIE);
  if (!token) return null;
  const [row] = await services.database.query<DraftRow>(
    `SELECT d.id, d.token_hash, d.locale, d.answers, d.review_errors, d.created_at, d.updated_at, d.expires_at, d.submitted_at, d.dossier_id,
            to_json(m) AS municipality,
            CASE WHEN $3::boolean
                 THEN (SELECT coalesce(json_agg(a ORDER BY a.created_at), '[]'::json) FROM draft_attachments a WHERE a.draft_id = d.id)
            END AS attachments
       FROM intake_drafts d
       LEFT JOIN municipalities m ON m.id = d.answers->>'municipalityId'
      WHERE d.token_hash = $1 AND d.expires_at > $2::timestamptz`,
    [hashToken(token), services.now().toISOString(), options.withAttachments === true],
    { prepare: true },
  );
  if (!row) return null;
  const m = row.municipality;
  return {
    id: row.id,
    tokenHash: row.token_hash,
    locale: row.locale,
    answers: parseJson(row.answers) as Answers,
    reviewErrors: parseJson(row.review_errors) as Draft["reviewErrors"],
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    expiresAt: new Date(row.expires_at),
    submittedAt: row.submitted_at ? new Date(row.submitted_at) : null,
    dossierId: row.dossier_id,
    municipality: m
      ? {
          id: m.id,
          name: m.name,
          joinedOn: m.joined_on,
          leftOn: m.left_on,
          website: m.website,
          complaintsUrl: m.complaints_url,
          objectionUrl: m.objection_url,
          publicSpaceReportUrl: m.public_space_report_url,
          damagesUrl: m.damages_url,
          handlingWeeks: m.handling_weeks,
          createdAt: new Date(m.created_at),
          updatedAt: new Date(m.updated_at),
        }
      : null,
    attachments: row.attachments ? (parseJson(row.attachments) as AttachmentJson[]).map(fromJson) : undefined,
  };
}

type DraftRow = {
  id: string;
  token_hash: string;
  locale: string;
  answers: unknown;
  review_errors: unknown;
  created_at: string | Date;
  updated_at: string | Date;
  expires_at: string | Date;
  submitted_at: string | Date | null;
  dossier_id: string | null;
  municipality: {
    id: string;
    name: string;
    joined_on: string;
    left_on: string | null;
    website: string;
    complaints_url: string;
    objection_url: string;
    public_space_report_url: string;
    damages_url: string;
    handling_weeks: number;
    created_at: string;
    updated_at: string;
  } | null;
  attachments: unknown;
};

/** json/jsonb columns arrive parsed from one driver and as text from the other. */
function parseJson(value: unknown): unknown {
  return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
}

type AttachmentJson = {
  id: string;
  draft_id: string;
  category: DraftAttachment["category"];
  storage_key: string;
  file_name: string;
  content_type: string;
  size: number | string;
  sha256: string | null;
  created_at: string;
};

function fromJson(a: AttachmentJson): DraftAttachment {
  return {
    id: a.id,
    draftId: a.draft_id,
    category: a.category,
    storageKey: a.storage_key,
    fileName: a.file_name,
    contentType: a.content_type,
    size: Number(a.size),
    sha256: a.sha256,
    createdAt: new Date(a.created_at),
  };
}

/** Whether the browser carries a draft cookie that no longer finds a draft (expired and deleted). */
export function hasStaleDraftCookie(request: Request, draft: Draft | null): boolean {
  return draft === null && Boolean(readCookie(request.headers.get("cookie"), DRAFT_COOKIE));
}

export async function createDraft(services: Services, locale: Locale): Promise<{ draft: Draft; cookie: string }> {
  const token = randomBytes(32).toString("base64url");
  const lifetimeMs = services.env.draftLifetimeDays * 86_400_000;
  const [row] = await services.db
    .insert(intakeDrafts)
    .values({
      tokenHash: hashToken(token),
      locale,
      answers: {},
      expiresAt: new Date(services.now().getTime() + lifetimeMs),
    })
    .returning();
  if (!row) throw new Error("draft insert returned nothing");
  return {
    draft: { ...row, answers: {}, municipality: null },
    cookie: draftCookie(services, token, lifetimeMs / 1000),
  };
}

/**
 * Gives the draft a new cookie token (the draft moves to the browser that gets the cookie; the
 * old browser's cookie no longer reaches it). Its files and answers stay as they are.
 */
export async function reissueDraftToken(
  db: Queryable,
  services: Services,
  draftId: string,
): Promise<{ cookie: string } | null> {
  const token = randomBytes(32).toString("base64url");
  const [row] = await db
    .update(intakeDrafts)
    .set({ tokenHash: hashToken(token) })
    .where(
      and(eq(intakeDrafts.id, draftId), isNull(intakeDrafts.submittedAt), gt(intakeDrafts.expiresAt, services.now())),
    )
    .returning({ expiresAt: intakeDrafts.expiresAt });
  if (!row) return null;
  const maxAge = Math.max(0, Math.floor((row.expiresAt.getTime() - services.now().getTime()) / 1000));
  return { cookie: draftCookie(services, token, maxAge) };
}

/** Merges a step's answers into the draft; a key set to undefined is removed. */
/** A draft lives this long after its last save. */
export const draftExpiry = (services: Services) =>
  new Date(services.now().getTime() + services.env.draftLifetimeDays * 86_400_000);

export async function saveAnswers(
  services: Services,
  draft: Draft,
  patch: Partial<Answers>,
  locale: Locale,
  savedStep?: string,
): Promise<Answers> {
  const answers: Answers = { ...draft.answers, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete answers[key as keyof Answers];
  await services.db
    .update(intakeDrafts)
    .set({
      answers,
      locale,
      updatedAt: services.now(),
      expiresAt: draftExpiry(services),
      reviewErrors: draft.reviewErrors?.filter((e) => e.step !== savedStep) ?? null,
    })
    .where(and(eq(intakeDrafts.id, draft.id), isNull(intakeDrafts.submittedAt)));
  return answers;
}

export function listDraftAttachments(db: Queryable, draftId: string): Promise<DraftAttachment[]> {
  return db
    .select()
    .from(draftAttachments)
    .where(eq(draftAttachments.draftId, draftId))
    .orderBy(asc(draftAttachments.createdAt));
}

export async function addDraftAttachment(
  db: Queryable,
  values: {
    draftId: string;
    category: AttachmentCategory;
    storageKey: string;
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
  },
): Promise<DraftAttachment> {
  const [row] = await db.insert(draftAttachments).values(values).returning();
  if (!row) throw new Error("attachment insert returned nothing");
  return row;
}

/** Removes one of the draft's own files (a foreign id finds nothing); returns it, or null. */
export async function removeDraftAttachment(
  services: Services,
  draftId: string,
  attachmentId: string,
): Promise<DraftAttachment | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(attachmentId)) return null;
  const [row] = await services.db
    .delete(draftAttachments)
    .where(and(eq(draftAttachments.id, attachmentId), eq(draftAttachments.draftId, draftId)))
    .returning();
  if (!row) return null;
  await services.storage
    .delete(row.storageKey)
    .catch((err: unknown) => logger.warn("could not delete removed upload", { err, key: row.storageKey }));
  return row;
}

/**
 * Deletes drafts past their lifetime with their files. Submitted drafts keep no answers
 * and no files, and are deleted on the same schedule.
 */
export async function deleteExpiredDrafts(services: Pick<Services, "db" | "storage" | "now">): Promise<number> {
  const expired = await services.db
    .select({ id: intakeDrafts.id })
    .from(intakeDrafts)
    .where(lte(intakeDrafts.expiresAt, services.now()))
    .limit(500);
  for (const { id } of expired) {
    const files = await listDraftAttachments(services.db, id);
    for (const file of files) await services.storage.delete(file.storageKey);
    await services.db.delete(intakeDrafts).where(eq(intakeDrafts.id, id));
  }
  if (expired.length > 0) logger.info("expired drafts deleted", { count: expired.length });
  return expired.length;
}

/** Totals for the per-draft limits. */
export async function draftUsage(db: Queryable, draftId: string): Promise<{ count: number; bytes: number }> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      bytes: sql<number>`coalesce(sum(${draftAttachments.size}), 0)::bigint`,
    })
    .from(draftAttachments)
    .where(eq(draftAttachments.draftId, draftId));
  return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
}

export type DraftContext = Pick<RequestContext, "services">;
