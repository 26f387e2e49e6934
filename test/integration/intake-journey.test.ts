import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import {
  dossierAttachments,
  dossierCounters,
  dossierEligibility,
  dossierEvents,
  dossierParties,
  dossiers,
  draftAttachments,
  intakeDrafts,
  mailOutbox,
} from "#db/schema/index";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { createTestServices } from "#test/support/app";
import {
  asData,
  asResponse,
  COMPLAINT_TEXT,
  dateFields,
  fillEligibleCase,
  IntakeBrowser,
  locationOf,
  MANDATE_BYTES,
  PDF_BYTES,
  readObject,
  REPRESENTED,
  RESIDENT,
  seedDraft,
  STEP_ROUTES,
  storedKeys,
} from "#test/support/intake";
import { deleteExpiredDrafts } from "#app/intake/drafts.server";
import { createHash } from "node:crypto";

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;

// 23:30 UTC on Saturday 28 March 2026 is already Sunday 29 March in Amsterdam; summer time starts that night.
const NOW = new Date("2026-03-28T23:30:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => NOW });
});
afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function counterFor(year: number): Promise<number> {
  const [row] = await database.db.select().from(dossierCounters).where(eq(dossierCounters.year, year));
  return row?.last ?? 0;
}

describe("a complete case through the real step actions", () => {
  it("turns a representative's answered case into one numbered dossier with parties, facts, files, history and a Dutch confirmation", async () => {
    const browser = new IntakeBrowser(services);
    const end = await fillEligibleCase(browser, {
      today: "2026-03-29",
      representative: true,
      receivedOn: "2025-11-29",
      answeredOn: "2026-01-28",
    });
    expect(end).toBe("/klacht/controleren");
    const draftBefore = await browser.draft();
    const filesBefore = await browser.attachments();
    expect(filesBefore.map((f) => f.category).sort()).toEqual(["mandate", "municipality_answer"]);

    const wakesBefore = services.wakeCount();
    expect(locationOf(await browser.submit())).toBe("/klacht/verzonden");

    const rows = await database.db.select().from(dossiers).where(eq(dossiers.sourceDraftId, draftBefore.id));
    expect(rows).toHaveLength(1);
    const dossier = rows[0]!;
    expect(dossier).toMatchObject({
      number: "OMA-2026-00001",
      year: 2026,
      sequence: 1,
      municipalityId: "amsterdam",
      status: "received",
      channel: "online",
      locale: "nl",
      topic: "conduct",
      complaintText: COMPLAINT_TEXT,
      incidentPlace: "Telefonisch, Klantcontactcentrum",
      incidentDate: "2025-10-30",
      peopleInvolved: "Een medewerker van Burgerzaken",
      desiredOutcome: "Dat ik eindelijk antwoord krijg.",
      byRepresentative: true,
      // Amsterdam date of submission (29 March) + 14 days, not the UTC date (28 March) + 14.
      contactDueOn: "2026-04-12",
    });
    expect(dossier.submittedAt.toISOString()).toBe(NOW.toISOString());

    const parties = await database.db.select().from(dossierParties).where(eq(dossierParties.dossierId, dossier.id));
    expect(parties.map(({ id: _id, dossierId: _d, ...p }) => p).sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      {
        role: "complainant",
        name: "Mevrouw A. Bakker",
        street: "Dapperstraat",
        houseNumber: "3 hs",
        postcode: "1093 BS",
        city: "Amsterdam",
        email: null,
        phone: null,
        preferredChannel: null,
      },
      {
        role: "representative",
        name: "Joost de Vries",
        street: "Kinkerstraat",
        houseNumber: "88",
        postcode: "1053 DZ",
        city: "Amsterdam",
        email: "joost@example.test",
        phone: null,
        preferredChannel: "email",
      },
    ]);

    // Received Saturday 29 November 2025: six weeks end Saturday 10 January, rolled forward to Monday the 12th.
    const [facts] = await database.db
      .select()
      .from(dossierEligibility)
      .where(eq(dossierEligibility.dossierId, dossier.id));
    expect(facts).toMatchObject({
      complainedToMunicipality: true,
      complaintReceivedOn: "2025-11-29",
      answeredOn: "2026-01-28",
      postponedUntil: null,
      handlingWeeks: 6,
      assessedOn: "2026-03-29",
      outcome: "eligible",
      ground: "answered",
      nominalDeadline: "2026-01-10",
      handlingDeadline: "2026-01-12",
      eligibleFrom: null,
      windowEndsOn: "2027-01-28",
      overrideReason: null,
    });
    expect(facts!.skippedDays.map((s) => s.reason)).toEqual(["saturday", "sunday"]);

    // The files moved: same keys, same bytes, nothing left on the draft.
    expect(
      await database.db.select().from(draftAttachments).where(eq(draftAttachments.draftId, draftBefore.id)),
    ).toEqual([]);
    const moved = await database.db
      .select()
      .from(dossierAttachments)
      .where(eq(dossierAttachments.dossierId, dossier.id));
    expect(moved.map((f) => f.storageKey).sort()).toEqual(filesBefore.map((f) => f.storageKey).sort());
    for (const before of filesBefore) {
      const after = moved.find((m) => m.storageKey === before.storageKey)!;
      expect(after).toMatchObject({
        category: before.category,
        fileName: before.fileName,
        size: before.size,
        sha256: before.sha256,
        visibility: "shared",
      });
      const bytes = await readObject(services, after.storageKey);
      expect(sha256(bytes)).toBe(after.sha256);
    }
    expect(sha256(await readObject(services, moved.find((m) => m.category === "mandate")!.storageKey))).toBe(
      sha256(MANDATE_BYTES),
    );
    expect(
      sha256(await readObject(services, moved.find((m) => m.category === "municipality_answer")!.storageKey)),
    ).toBe(sha256(PDF_BYTES));

    const events = await database.db
      .select()
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierId, dossier.id))
      .orderBy(asc(dossierEvents.id));
    expect(events[0]).toMatchObject({
      type: "submitted",
      details: { channel: "online", attachments: 2, locale: "nl" },
    });
    expect(events[0]!.at.toISOString()).toBe(NOW.toISOString());

    const mails = await database.db.select().from(mailOutbox).where(eq(mailOutbox.subjectId, dossier.id));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail).toMatchObject({
      toAddress: "joost@example.test",
      subject: "Bevestiging van uw klacht OMA-2026-00001",
      locale: "nl",
      kind: "intake_confirmation",
      status: "pending",
    });
    expect(mail.textBody).toContain("Beste Joost de Vries,");
    expect(mail.textBody).toContain(
      "over de gemeente Amsterdam ontvangen op 29 maart 2026. Uw dossiernummer is OMA-2026-00001.",
    );
    expect(mail.textBody).toContain("Uiterlijk op zondag 12 april 2026 neemt uw behandelaar contact met u op.");
    // The status page with the number filled in (the placeholder replaced with the number taken).
    expect(mail.textBody).toContain("/mijn-klacht?nummer=OMA-2026-00001");
    // What was sent, for the resident's own records; for whom, by name only.
    expect(mail.textBody).toContain("U heeft deze klacht ingediend namens Mevrouw A. Bakker.");
    expect(mail.textBody).toContain(`Uw klacht\n\n${COMPLAINT_TEXT}`);
    expect(mail.textBody).toContain("- Waar: Telefonisch, Klantcontactcentrum");
    expect(mail.textBody).toMatch(
      /Bijlagen\n\n- (Machtiging getekend\.pdf\n- Antwoord gemeente\.pdf|Antwoord gemeente\.pdf\n- Machtiging getekend\.pdf)\n/,
    );
    expect(mail.htmlBody).toContain("<li>Antwoord gemeente.pdf</li>");
    for (const detail of [REPRESENTED.street, REPRESENTED.postcode]) {
      expect(mail.textBody).not.toContain(detail);
      expect(mail.htmlBody).not.toContain(detail);
    }
    expect(events.map((e) => e.type)).toEqual(["submitted", "mail_queued"]);
    expect(services.wakeCount()).toBe(wakesBefore + 1);

    // The draft is consumed: no personal data left on it, and it points at its dossier.
    const draftAfter = await browser.draft();
    expect(draftAfter.answers).toEqual({});
    expect(draftAfter.dossierId).toBe(dossier.id);
    expect(draftAfter.submittedAt?.toISOString()).toBe(NOW.toISOString());

    // The confirmation page shows the number and the contact date.
    expect(await browser.confirmation()).toMatchObject({
      number: "OMA-2026-00001",
      contactDueOn: "2026-04-12",
      municipality: "Amsterdam",
      email: "joost@example.test",
      byRepresentative: true,
    });
    // Nothing was deleted from storage along the way.
    expect((await storedKeys(services, "attachments/")).sort()).toEqual(filesBefore.map((f) => f.storageKey).sort());
  });

  it("sends the confirmation in English when the form was filled in in English, and records a no-answer case's term", async () => {
    const browser = new IntakeBrowser(services, { lang: "en" });
    // Received Friday 21 November 2025: six weeks end on 2 January 2026, a day off by decree, then a weekend.
    await fillEligibleCase(browser, {
      today: "2026-03-29",
      answered: false,
      receivedOn: "2025-11-21",
      municipalityId: "zaanstad",
    });
    const draft = await browser.draft();
    expect(draft.locale).toBe("en");
    const expected = (await counterFor(2026)) + 1;
    expect(locationOf(await browser.submit())).toBe("/klacht/verzonden");

    const [dossier] = await database.db.select().from(dossiers).where(eq(dossiers.sourceDraftId, draft.id));
    expect(dossier).toMatchObject({
      number: `OMA-2026-${String(expected).padStart(5, "0")}`,
      locale: "en",
      byRepresentative: false,
      contactDueOn: "2026-04-12",
    });
    const parties = await database.db.select().from(dossierParties).where(eq(dossierParties.dossierId, dossier!.id));
    expect(parties).toEqual([
      expect.objectContaining({
        role: "complainant",
        name: "Fatima el Amrani",
        postcode: "1094 HC",
        email: "fatima@example.test",
        phone: "0612345678",
        preferredChannel: "email",
      }),
    ]);
    const [facts] = await database.db
      .select()
      .from(dossierEligibility)
      .where(eq(dossierEligibility.dossierId, dossier!.id));
    expect(facts).toMatchObject({
      answeredOn: null,
      outcome: "eligible",
      ground: "no_timely_answer",
      nominalDeadline: "2026-01-02",
      handlingDeadline: "2026-01-05",
      eligibleFrom: "2026-01-06",
      windowEndsOn: "2027-01-05",
    });
    expect(facts!.skippedDays.map((s) => [s.day, s.reason])).toEqual([
      ["2026-01-02", "holiday"],
      ["2026-01-03", "saturday"],
      ["2026-01-04", "sunday"],
    ]);
    expect(
      await database.db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, dossier!.id)),
    ).toEqual([]);

    const [mail] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.subjectId, dossier!.id));
    expect(mail).toMatchObject({
      toAddress: "fatima@example.test",
      locale: "en",
      subject: `Confirmation of your complaint ${dossier!.number}`,
    });
    expect(mail!.textBody).toContain("Dear Fatima el Amrani,");
    expect(mail!.textBody).toContain(
      `We received your complaint about the municipality of Zaanstad on 29 March 2026. Your case number is ${dossier!.number}.`,
    );
    expect(mail!.textBody).toMatch(/By Sunday,? 12 April 2026 at the latest/);
    expect(mail!.htmlBody).toContain('<html lang="en">');
  });

  it("asks again for a step whose answer is refused, without moving on", async () => {
    const browser = new IntakeBrowser(services);
    await browser.answer("municipality", { municipalityId: "amsterdam" });
    const refused = asData<{ errors: Record<string, string> }>(await browser.answer("topic", {}));
    expect(refused.init?.status).toBe(400);
    expect(refused.data.errors.topic).toBe("Kies waar uw klacht over gaat.");
    expect((await browser.draft()).answers.topic).toBeUndefined();
  });
});

describe("dates that no longer fit together", () => {
  async function throughReceipt(browser: IntakeBrowser, receivedOn: string) {
    await browser.answer("municipality", { municipalityId: "amsterdam" });
    await browser.answer("topic", { topic: "conduct" });
    await browser.answer("court", { courtCase: "no" });
    await browser.answer("firstLine", { complainedFirst: "yes" });
    await browser.answer("receivedOn", dateFields(receivedOn));
  }

  it("sends a receipt date changed to after the answer to the answer date, which says why, and lets the resident on", async () => {
    const browser = new IntakeBrowser(services);
    await throughReceipt(browser, "2025-11-29");
    await browser.answer("answer", { answerStatus: "answered" });
    expect(locationOf(await browser.answer("answerDate", dateFields("2026-01-28")))).toBe("/klacht/uitkomst");

    // Changed from the check-your-answers page, too: the conflict is shown before going back there.
    const moved = await browser.answer("receivedOn", dateFields("2026-02-10"), { query: "?terug=controleren" });
    expect(locationOf(moved)).toBe("/klacht/antwoorddatum?terug=controleren");
    expect(locationOf(await browser.load("outcome"))).toBe("/klacht/antwoorddatum");
    expect(locationOf(await browser.resume())).toBe("/klacht/antwoorddatum");

    const page = (await browser.load("answerDate")) as { errors: Record<string, string> | null; values: unknown };
    const beforeReceipt =
      "De datum van het antwoord kan niet vóór de datum liggen waarop de gemeente uw klacht ontving (10 februari 2026).";
    expect(page.errors).toEqual({ day: beforeReceipt, month: beforeReceipt, year: beforeReceipt });
    expect(page.values).toEqual({ day: "28", month: "1", year: "2026" });

    expect(locationOf(await browser.answer("answerDate", dateFields("2026-02-20")))).toBe("/klacht/uitkomst");
    expect((await browser.load("answerDate")) as { errors: unknown }).toMatchObject({ errors: null });
  });

  it("sends a receipt date that moves the term past the announced postponement to the postponement page, with the term", async () => {
    const browser = new IntakeBrowser(services);
    await throughReceipt(browser, "2026-01-05");
    await browser.answer("answer", { answerStatus: "postponed" });
    expect(locationOf(await browser.answer("postponedDate", dateFields("2026-03-01")))).toBe("/klacht/uitkomst");

    // Six weeks from 26 January end on 9 March, after the announced 1 March.
    expect(locationOf(await browser.answer("receivedOn", dateFields("2026-01-26")))).toBe("/klacht/uitstel");
    const page = (await browser.load("postponedDate")) as { errors: Record<string, string> | null };
    expect(page.errors?.day).toContain("(9 maart 2026)");
    expect(locationOf(await browser.answer("postponedDate", dateFields("2026-03-20")))).toBe("/klacht/uitkomst");
  });
});

describe("guards", () => {
  it("sends a visitor without a draft to the start, and keeps each step closed until its turn", async () => {
    const stranger = new IntakeBrowser(services);
    expect(locationOf(await stranger.load("topic"))).toBe("/klacht");
    expect(locationOf(await stranger.load("review"))).toBe("/klacht");
    expect(locationOf(await stranger.resume())).toBe("/klacht/gemeente");
    // A post to a later step does not create a draft either.
    expect(locationOf(await stranger.answer("court", { courtCase: "no" }))).toBe("/klacht");
    expect(stranger.draftCookie).toBeUndefined();

    const browser = new IntakeBrowser(services);
    expect(locationOf(await browser.answer("municipality", { municipalityId: "diemen" }))).toBe("/klacht/onderwerp");
    expect(locationOf(await browser.load("court"))).toBe("/klacht/onderwerp");
    expect(locationOf(await browser.load("contact"))).toBe("/klacht/onderwerp");
    expect(locationOf(await browser.load("review"))).toBe("/klacht/onderwerp");
    // Answering a later step by posting to it directly is refused and saves nothing.
    expect(locationOf(await browser.answer("court", { courtCase: "no" }))).toBe("/klacht/onderwerp");
    expect(locationOf(await browser.answer("forWhom", { forWhom: "self" }))).toBe("/klacht/onderwerp");
    expect((await browser.draft()).answers).toEqual({ municipalityId: "diemen" });
    // Steps already answered stay open, with their answer.
    expect(await browser.load("municipality")).toMatchObject({ value: "diemen" });
    expect(locationOf(await browser.resume())).toBe("/klacht/onderwerp");
  });

  it("does not let anyone skip the first-line check by going straight to the details", async () => {
    const browser = new IntakeBrowser(services);
    await browser.answer("municipality", { municipalityId: "amsterdam" });
    await browser.answer("topic", { topic: "conduct" });
    await browser.answer("court", { courtCase: "no" });
    await browser.answer("firstLine", { complainedFirst: "yes" });
    // Received last week: the municipality's six weeks are still running.
    expect(locationOf(await browser.answer("receivedOn", { day: "20", month: "3", year: "2026" }))).toBe(
      "/klacht/antwoord",
    );
    expect(locationOf(await browser.answer("answer", { answerStatus: "not_answered" }))).toBe("/klacht/uitkomst");
    expect(await browser.load("outcome")).toMatchObject({ outcome: "too_early", eligibleFrom: "2026-05-02" });
    // "Continue" on a too-early outcome goes nowhere, and the later steps stay closed.
    expect(locationOf(await browser.answer("outcome", {}))).toBe("/klacht/uitkomst");
    expect(locationOf(await browser.load("forWhom"))).toBe("/klacht/uitkomst");
    expect(locationOf(await browser.answer("contact", { name: "X" }))).toBe("/klacht/uitkomst");
    expect((await browser.draft()).answers.outcomeAcknowledged).toBeUndefined();
  });

  it("shows an exit page only when the answers lead there", async () => {
    const browser = new IntakeBrowser(services);
    await browser.answer("municipality", { municipalityId: "almere" });
    await browser.answer("topic", { topic: "conduct" });
    expect(locationOf(await browser.exit("bezwaar"))).toBe("/klacht/rechter");
    expect(locationOf(await browser.exit("rechter"))).toBe("/klacht/rechter");
    expect(asResponse(await browser.exit("bestaat-niet")).status).toBe(404);

    expect(locationOf(await browser.answer("topic", { topic: "decision" }))).toBe("/klacht/doorverwijzing/bezwaar");
    expect(await browser.exit("bezwaar")).toMatchObject({
      exit: "objection",
      changePath: "/klacht/onderwerp",
      municipality: { name: "Almere", pages: { objection: "https://www.almere.nl/bezwaar-maken" } },
    });
    expect(locationOf(await browser.answer("topic", { topic: "care_provider" }))).toBe(
      "/klacht/doorverwijzing/zorgaanbieder",
    );
    expect(await browser.exit("zorgaanbieder")).toMatchObject({ exit: "careProvider" });
    expect(locationOf(await browser.answer("topic", { topic: "decision" }))).toBe("/klacht/doorverwijzing/bezwaar");
    // Another exit, or the steps after the exit, are not theirs.
    expect(locationOf(await browser.exit("schadevergoeding"))).toBe("/klacht/doorverwijzing/bezwaar");
    expect(locationOf(await browser.load("court"))).toBe("/klacht/doorverwijzing/bezwaar");
    expect(locationOf(await browser.resume())).toBe("/klacht/doorverwijzing/bezwaar");
    // Without a draft there is no exit page either.
    expect(locationOf(await new IntakeBrowser(services).exit("bezwaar"))).toBe("/klacht");
  });

  it("sends every step of a consumed draft to the confirmation, and a late post changes nothing", async () => {
    const browser = await seedDraft(services, { today: "2026-03-29" });
    expect(locationOf(await browser.submit())).toBe("/klacht/verzonden");
    const consumed = await browser.draft();
    for (const step of ["municipality", "topic", "contact", "complaint", "attachments", "review"] as const) {
      expect(locationOf(await browser.load(step))).toBe("/klacht/verzonden");
    }
    expect(locationOf(await browser.resume())).toBe("/klacht/verzonden");
    expect(locationOf(await browser.answer("contact", RESIDENT))).toBe("/klacht/verzonden");
    expect(
      locationOf(
        await browser.uploadFiles("attachments", [
          { field: "evidence", name: "later.pdf", body: PDF_BYTES, type: "application/pdf" },
        ]),
      ),
    ).toBe("/klacht/verzonden");
    const after = await browser.draft();
    expect(after.answers).toEqual({});
    expect(after.dossierId).toBe(consumed.dossierId);
    expect(await browser.attachments()).toEqual([]);
    expect(await browser.exit("bezwaar")).toBeInstanceOf(Response);
  });

  it("refuses a step's post without the CSRF token with 403 and saves nothing", async () => {
    const browser = new IntakeBrowser(services);
    await browser.answer("municipality", { municipalityId: "amsterdam" });
    const refused = asResponse(await browser.answer("topic", { topic: "conduct" }, { csrf: false }));
    expect(refused.status).toBe(403);
    expect((await browser.draft()).answers.topic).toBeUndefined();
    // Nor does a post without the token start a draft.
    const stranger = new IntakeBrowser(services);
    expect(
      asResponse(await stranger.answer("municipality", { municipalityId: "amsterdam" }, { csrf: false })).status,
    ).toBe(403);
    expect(stranger.draftCookie).toBeUndefined();
  });
});

describe("expired drafts", () => {
  const DAY = 86_400_000;
  const T0 = new Date("2026-05-04T08:00:00Z");

  it("deletes a draft past its lifetime with its stored files, and leaves a live draft alone", async () => {
    const early = createTestServices(database, { now: () => T0, storage: services.storage });
    const later = createTestServices(database, {
      now: () => new Date(T0.getTime() + 20 * DAY),
      storage: services.storage,
    });
    const old = await seedDraft(early, { today: "2026-05-04" });
    const live = await seedDraft(later, { today: "2026-05-24" });
    const oldFiles = await old.attachments();
    const liveFiles = await live.attachments();
    expect(oldFiles).toHaveLength(1);
    const oldId = await old.draftId();

    // 30 days later (the default lifetime) plus one: the first draft is past it, the second is not.
    const cleaner = createTestServices(database, {
      now: () => new Date(T0.getTime() + 31 * DAY),
      storage: services.storage,
    });
    expect(await deleteExpiredDrafts(cleaner)).toBeGreaterThanOrEqual(1);
    expect(await database.db.select().from(intakeDrafts).where(eq(intakeDrafts.id, oldId))).toEqual([]);
    expect(await database.db.select().from(draftAttachments).where(eq(draftAttachments.draftId, oldId))).toEqual([]);
    expect(await services.storage.head(oldFiles[0]!.storageKey)).toBeNull();

    expect(await live.withServices(cleaner).draft()).toMatchObject({ answers: { municipalityId: "amsterdam" } });
    expect(await services.storage.head(liveFiles[0]!.storageKey)).toMatchObject({ size: liveFiles[0]!.size });
    expect(locationOf(await live.withServices(cleaner).resume())).toBe("/klacht/controleren");
    [early, later, cleaner].forEach((s) => s.cleanup());
  });

  it("tells a browser whose draft expired that it did, and clears its cookie", async () => {
    const early = createTestServices(database, { now: () => T0, storage: services.storage });
    const browser = new IntakeBrowser(early);
    await browser.answer("municipality", { municipalityId: "amsterdam" });
    await browser.answer("topic", { topic: "conduct" });
    const cookie = browser.draftCookie;
    expect(cookie).toMatch(/^oma_klacht=./);

    // Past the lifetime, before the clean-up job ran: the draft row still exists but no longer counts.
    const late = createTestServices(database, {
      now: () => new Date(T0.getTime() + 31 * DAY),
      storage: services.storage,
    });
    const expired = browser.withServices(late);
    expect(locationOf(await expired.load("court"))).toBe("/klacht");
    const res = asResponse(await expired.resume());
    expect(res.headers.get("Location")).toBe("/klacht/gemeente?verlopen=1");
    expect(res.headers.getSetCookie().find((c) => c.startsWith("oma_klacht="))).toMatch(/^oma_klacht=;.*Max-Age=0/);
    expect(expired.draftCookie).toBeUndefined();
    expect(await expired.get("/klacht/gemeente?verlopen=1", STEP_ROUTES.municipality.loader)).toMatchObject({
      expired: true,
      value: undefined,
    });

    // After the clean-up job deleted it, the old cookie gets the same answer.
    await deleteExpiredDrafts(late);
    const again = new IntakeBrowser(late);
    again.draftCookie = cookie;
    expect(locationOf(await again.resume())).toBe("/klacht/gemeente?verlopen=1");
    // A browser that never had a draft is not told it expired.
    expect(locationOf(await new IntakeBrowser(late).resume())).toBe("/klacht/gemeente");
    early.cleanup();
    late.cleanup();
  });
});
