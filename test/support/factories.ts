import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { and, eq, gte, lte } from "drizzle-orm";
import { totpKeyring, type TotpKeyring } from "#app/auth/totp-secrets.server";
import { insertUser } from "#app/auth/users.server";
import { DEV_TOTP_ENCRYPTION_KEY } from "#app/config/env.server";
import { contactDueOn, handlingTarget } from "#app/dossiers/deadlines";
import { assessEligibility, computeHandlingDeadline } from "#app/intake/eligibility";
import { addDays, amsterdamDateOf, yearOf } from "#app/utils/calendar-date";
import type { ObjectStorage } from "#storage/types";
import type { Queryable } from "#db/client";
import { takeDossierNumber } from "#db/dossier-numbers";
import {
  dossierAttachments,
  dossierEligibility,
  dossierEvents,
  dossierParties,
  dossiers,
  dossierShareDocuments,
  dossierShares,
  municipalities,
  publicHolidays,
  type AttachmentCategory,
  type DossierStatus,
  type User,
  type UserRole,
} from "#db/schema/index";

/** Builders for the tests and benchmarks; users are made by the same insert as the seed's (app/auth/users.server.ts). */

export type NewUserInput = {
  role: UserRole;
  email?: string;
  name?: string;
  password?: string;
  municipalityId?: string | null;
  /** The plain secret; stored sealed under `totpKeyring` (default: the development key). */
  totpSecret?: string | null;
  totpKeyring?: TotpKeyring;
  demo?: boolean;
};

export async function createUser(db: Queryable, input: NewUserInput): Promise<User & { password: string }> {
  const password = input.password ?? `pw-${randomUUID()}`;
  const keyring = input.totpKeyring ?? totpKeyring({ key: DEV_TOTP_ENCRYPTION_KEY, previous: [] });
  const row = await insertUser(db, {
    role: input.role,
    email: input.email ?? `${input.role}-${randomUUID().slice(0, 8)}@example.test`,
    name: input.name ?? defaultName(input.role),
    password,
    municipalityId: input.role === "municipality_officer" ? (input.municipalityId ?? "amsterdam") : null,
    totp: input.totpSecret ? { secret: input.totpSecret, keyring } : null,
    demo: input.demo,
  });
  return { ...row, password };
}

function defaultName(role: UserRole): string {
  switch (role) {
    case "case_handler":
      return "Sanne Behandelaar";
    case "coordinator":
      return "Karim Coördinator";
    case "municipality_officer":
      return "Petra Klachtencoördinator";
  }
}

export type NewPartyInput = {
  name: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  email?: string | null;
  phone?: string | null;
  preferredChannel?: "email" | "phone" | null;
};

export type NewAttachmentInput = {
  category: AttachmentCategory;
  fileName: string;
  contentType: string;
  body: Uint8Array | string;
  visibility?: "shared" | "internal";
  /** A staff member or officer who added it (default: the resident sent it). */
  addedBy?: string;
};

export type NewDossierInput = {
  municipalityId?: string;
  submittedAt?: Date;
  channel?: "online" | "phone" | "letter" | "email" | "counter";
  status?: DossierStatus;
  locale?: "nl" | "en";
  topic?: string;
  complaintText?: string;
  incidentPlace?: string;
  incidentDate?: string;
  peopleInvolved?: string | null;
  desiredOutcome?: string | null;
  complainant?: Partial<NewPartyInput>;
  assigneeId?: string | null;
  firstContactAt?: Date | null;
  /** Weeks until the handling target (the app's default is 13). */
  handlingTargetWeeks?: number;
  /** Given: the complaint was made by this representative for the complainant. */
  representative?: Partial<NewPartyInput>;
  /** The first-line facts; dates default to a complaint answered three weeks before submission. */
  complaintReceivedOn?: string;
  answeredOn?: string | null;
  postponedUntil?: string | null;
  handlingWeeks?: number;
  /** Needed when the facts are not eligible: a handler took the case on anyway (an override with a written reason). */
  overrideReason?: string;
  /** Replaces the default attachments (the municipality's answer, and the mandate for a representative). */
  attachments?: NewAttachmentInput[];
};

export type CreatedDossier = {
  id: string;
  number: string;
  year: number;
  sequence: number;
  contactDueOn: string;
  handlingDeadline: string;
  attachments: {
    id: string;
    category: AttachmentCategory;
    fileName: string;
    contentType: string;
    storageKey: string;
    size: number;
    sha256: string | null;
  }[];
};

const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

/** A small but real PDF, so a downloaded default attachment opens in a viewer. */
const SAMPLE_PDF = [
  "%PDF-1.4",
  "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
  "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
  "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj",
  "trailer << /Root 1 0 R >>",
  "%%EOF",
].join("\n");

/**
 * A dossier as the online intake leaves it: a number from the per-year counter, the parties, the
 * first-line facts with every computed date, a 'submitted' event and the attachments in storage.
 * Throws when the facts would not have passed the intake, unless `overrideReason` says why.
 */
export async function createDossier(
  db: Queryable,
  storage: ObjectStorage,
  overrides: NewDossierInput = {},
): Promise<CreatedDossier> {
  const submittedAt = overrides.submittedAt ?? new Date();
  const today = amsterdamDateOf(submittedAt);
  const municipalityId = overrides.municipalityId ?? "amsterdam";
  const [municipality] = await db.select().from(municipalities).where(eq(municipalities.id, municipalityId));
  if (!municipality) throw new Error(`unknown municipality ${municipalityId}`);

  const complaintReceivedOn = overrides.complaintReceivedOn ?? addDays(today, -70);
  const answeredOn = overrides.answeredOn === undefined ? addDays(today, -21) : overrides.answeredOn;
  const postponedUntil = overrides.postponedUntil ?? null;
  const handlingWeeks = overrides.handlingWeeks ?? municipality.handlingWeeks;
  const holidays = await holidaysAround(db, complaintReceivedOn, addDays(complaintReceivedOn, 7 * handlingWeeks + 31));
  const assessment = assessEligibility(
    { complainedToMunicipality: true, complaintReceivedOn, answeredOn, postponedUntil, handlingWeeks, today },
    holidays,
  );
  if (assessment.outcome !== "eligible" && !overrides.overrideReason) {
    throw new Error(
      `these first-line facts give "${assessment.outcome}", not a dossier: ${JSON.stringify(assessment.errors ?? [])}`,
    );
  }
  const handlingDeadline = assessment.handlingDeadline;
  if (!handlingDeadline)
    throw new Error(`no handling term for these first-line facts: ${JSON.stringify(assessment.errors ?? [])}`);
  const term = computeHandlingDeadline(complaintReceivedOn, handlingWeeks, holidays);

  const byRepresentative = overrides.representative !== undefined;
  const complainant: NewPartyInput = {
    name: "Fatima el Amrani",
    street: "Javastraat",
    houseNumber: "12-2",
    postcode: "1094 HC",
    city: "Amsterdam",
    // A represented person is reached through the representative, so the form asks no contact details.
    email: byRepresentative ? null : "fatima@example.test",
    phone: byRepresentative ? null : "06 12345678",
    preferredChannel: byRepresentative ? null : "email",
    ...overrides.complainant,
  };
  const representative: NewPartyInput | null = byRepresentative
    ? {
        name: "Joost de Vries",
        street: "Kinkerstraat",
        houseNumber: "88",
        postcode: "1053 DZ",
        city: "Amsterdam",
        email: "joost@example.test",
        phone: null,
        preferredChannel: "email",
        ...overrides.representative,
      }
    : null;

  const attachmentInputs: NewAttachmentInput[] = overrides.attachments ?? [
    ...(answeredOn
      ? [
          {
            category: "municipality_answer" as const,
            fileName: "Antwoord gemeente.pdf",
            contentType: "application/pdf",
            body: SAMPLE_PDF,
          },
        ]
      : []),
    ...(byRepresentative
      ? [
          {
            category: "mandate" as const,
            fileName: "Machtigingsformulier.pdf",
            contentType: "application/pdf",
            body: SAMPLE_PDF,
          },
        ]
      : []),
  ];
  const stored: (NewAttachmentInput & { storageKey: string; size: number; sha256: string })[] = [];
  try {
    for (const input of attachmentInputs) {
      const storageKey = `attachments/${randomUUID()}`;
      const bytes = typeof input.body === "string" ? Buffer.from(input.body, "utf8") : input.body;
      const object = await storage.put(storageKey, Readable.from([bytes]), {
        maxBytes: ATTACHMENT_MAX_BYTES,
        contentType: input.contentType,
      });
      stored.push({ ...input, storageKey, size: object.size, sha256: object.sha256 });
    }

    return await db.transaction(async (tx) => {
      const year = yearOf(today);
      const { number, sequence } = await takeDossierNumber(tx, year);
      const dueOn = contactDueOn(submittedAt);

      const [dossier] = await tx
        .insert(dossiers)
        .values({
          number,
          year,
          sequence,
          municipalityId,
          status: overrides.status ?? "received",
          channel: overrides.channel ?? "online",
          locale: overrides.locale ?? "nl",
          topic: overrides.topic ?? "conduct",
          complaintText:
            overrides.complaintText ??
            "Ik heb drie keer gebeld over mijn parkeervergunning en ben steeds doorverbonden.\nNiemand belde terug, ook niet na mijn klacht.",
          incidentPlace: overrides.incidentPlace ?? "Stadsloket Oost",
          incidentDate: overrides.incidentDate ?? addDays(complaintReceivedOn, -7),
          peopleInvolved:
            overrides.peopleInvolved === undefined
              ? "Een medewerker van het klantcontactcentrum"
              : overrides.peopleInvolved,
          desiredOutcome:
            overrides.desiredOutcome === undefined
              ? "Excuses en een besluit op mijn aanvraag"
              : overrides.desiredOutcome,
          byRepresentative,
          submittedAt,
          contactDueOn: dueOn,
          handlingDueOn: handlingTarget(amsterdamDateOf(submittedAt), overrides.handlingTargetWeeks ?? 13),
          complainantName: complainant.name,
          assigneeId: overrides.assigneeId ?? null,
          firstContactAt: overrides.firstContactAt ?? null,
        })
        .returning({ id: dossiers.id });
      if (!dossier) throw new Error("dossier insert returned nothing");

      await tx
        .insert(dossierParties)
        .values([
          { dossierId: dossier.id, role: "complainant" as const, ...complainant },
          ...(representative ? [{ dossierId: dossier.id, role: "representative" as const, ...representative }] : []),
        ]);

      await tx.insert(dossierEligibility).values({
        dossierId: dossier.id,
        complainedToMunicipality: true,
        complaintReceivedOn,
        answeredOn,
        postponedUntil,
        handlingWeeks,
        assessedOn: today,
        outcome: assessment.outcome,
        ground: assessment.ground ?? null,
        nominalDeadline: term.nominal,
        handlingDeadline,
        eligibleFrom: assessment.eligibleFrom ?? null,
        windowEndsOn: assessment.windowEndsOn ?? null,
        skippedDays: term.skipped,
        overrideReason: overrides.overrideReason ?? null,
      });

      const attachments =
        stored.length === 0
          ? []
          : await tx
              .insert(dossierAttachments)
              .values(
                stored.map((a) => ({
                  dossierId: dossier.id,
                  category: a.category,
                  storageKey: a.storageKey,
                  fileName: a.fileName,
                  contentType: a.contentType,
                  size: a.size,
                  sha256: a.sha256,
                  visibility: a.visibility ?? "shared",
                  uploadedAt: submittedAt,
                  addedBy: a.addedBy ?? null,
                })),
              )
              .returning({
                id: dossierAttachments.id,
                category: dossierAttachments.category,
                fileName: dossierAttachments.fileName,
                contentType: dossierAttachments.contentType,
                storageKey: dossierAttachments.storageKey,
                size: dossierAttachments.size,
                sha256: dossierAttachments.sha256,
              });

      await tx.insert(dossierEvents).values({
        dossierId: dossier.id,
        at: submittedAt,
        type: "submitted",
        details: {
          channel: overrides.channel ?? "online",
          attachments: stored.length,
          locale: overrides.locale ?? "nl",
        },
      });

      return { id: dossier.id, number, year, sequence, contactDueOn: dueOn, handlingDeadline, attachments };
    });
  } catch (err) {
    await Promise.all(stored.map((a) => storage.delete(a.storageKey).catch(() => {})));
    throw err;
  }
}

/** The holiday table as the database holds it for these dates; the built-in table when it holds none. */
async function holidaysAround(
  db: Queryable,
  from: string,
  to: string,
): Promise<{ day: string; name: string }[] | undefined> {
  const rows = await db
    .select({ day: publicHolidays.day, name: publicHolidays.name })
    .from(publicHolidays)
    .where(and(gte(publicHolidays.day, from), lte(publicHolidays.day, to)));
  return rows.length > 0 ? rows : undefined;
}

export type NewShareInput = {
  dossierId: string;
  /** Defaults to the dossier's own municipality. */
  municipalityId?: string;
  sharedBy: string;
  /** The documents that go with the share. */
  attachmentIds?: string[];
  sharedAt?: Date;
};

/** A dossier shared with a municipality, with the documents that go with it (the portal builds the real sharing). */
export async function createShare(db: Queryable, input: NewShareInput): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    let municipalityId = input.municipalityId;
    if (!municipalityId) {
      const [dossier] = await tx
        .select({ municipalityId: dossiers.municipalityId })
        .from(dossiers)
        .where(eq(dossiers.id, input.dossierId));
      if (!dossier) throw new Error(`unknown dossier ${input.dossierId}`);
      municipalityId = dossier.municipalityId;
    }
    const [share] = await tx
      .insert(dossierShares)
      .values({
        dossierId: input.dossierId,
        municipalityId,
        sharedBy: input.sharedBy,
        sharedAt: input.sharedAt ?? new Date(),
      })
      .returning({ id: dossierShares.id });
    if (!share) throw new Error("share insert returned nothing");
    const attachmentIds = input.attachmentIds ?? [];
    if (attachmentIds.length > 0) {
      await tx
        .insert(dossierShareDocuments)
        .values(attachmentIds.map((attachmentId) => ({ shareId: share.id, attachmentId })));
    }
    return share;
  });
}
