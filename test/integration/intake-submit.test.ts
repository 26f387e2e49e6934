import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { addDays } from "#app/utils/calendar-date";
import { setLogLevel } from "#app/utils/logger.server";
import {
  dossierAttachments,
  dossierCounters,
  dossiers,
  draftAttachments,
  intakeDrafts,
  mailOutbox,
} from "#db/schema/index";
import { createS3Storage } from "#storage/s3";
import type { ObjectStorage } from "#storage/types";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { createTestServices } from "#test/support/app";
import { startS3Server } from "#test/support/s3-server";
import { asData, locationOf, PDF_BYTES, seedDraft, storedKeys, type IntakeBrowser } from "#test/support/intake";

let database: TestDatabase;
const opened: ReturnType<typeof createTestServices>[] = [];
const onPostgres = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  database = await createTestDatabase();
  // The failures below are expected; their error logs would only be noise.
  setLogLevel("silent");
});
afterAll(async () => {
  // Back to what test/setup-env.ts set.
  setLogLevel((process.env.LOG_LEVEL as "debug" | "info" | "warn" | "error" | undefined) ?? "error");
  for (const s of opened) s.cleanup();
  await database.destroy();
});

/** Services whose clock reads `iso` (UTC); every test uses its own year, so each has a fresh number counter. */
function servicesAt(iso: string, overrides: { env?: Record<string, string>; storage?: ObjectStorage } = {}) {
  const s = createTestServices(database, { now: () => new Date(iso), ...overrides });
  opened.push(s);
  return s;
}

const SUBMIT_FAILED =
  "Het versturen is niet gelukt door een fout bij ons. Uw antwoorden zijn bewaard. Probeer het over een paar minuten opnieuw.";

async function dossiersOf(draftId: string) {
  return database.db.select().from(dossiers).where(eq(dossiers.sourceDraftId, draftId));
}

async function counter(year: number): Promise<number | null> {
  const [row] = await database.db.select().from(dossierCounters).where(eq(dossierCounters.year, year));
  return row?.last ?? null;
}

/** Everything a resident would lose if a failed submit damaged the draft. */
async function snapshot(browser: IntakeBrowser) {
  const draft = await browser.draft();
  const files = (await browser.attachments()).sort((a, b) => a.id.localeCompare(b.id));
  return { answers: draft.answers, submittedAt: draft.submittedAt, dossierId: draft.dossierId, files };
}

async function expectUntouched(
  browser: IntakeBrowser,
  before: Awaited<ReturnType<typeof snapshot>>,
  storage: ObjectStorage = browser.services.storage,
) {
  const draftId = await browser.draftId();
  expect(await dossiersOf(draftId)).toEqual([]);
  const now = await snapshot(browser);
  expect(now).toEqual(before);
  expect(now.submittedAt).toBeNull();
  for (const f of now.files) expect(await storage.head(f.storageKey)).toMatchObject({ size: f.size });
}

describe("submitting twice", () => {
  it("gives one dossier when the same draft is sent again afterwards; the second request lands on the confirmation too", async () => {
    const services = servicesAt("2029-03-01T10:00:00Z");
    const browser = await seedDraft(services, { today: "2029-03-01" });
    const draftId = await browser.draftId();
    expect(locationOf(await browser.submit())).toBe("/klacht/verzonden");
    expect(locationOf(await browser.submit())).toBe("/klacht/verzonden");
    const made = await dossiersOf(draftId);
    expect(made.map((d) => d.number)).toEqual(["OMA-2029-00001"]);
    expect(await counter(2029)).toBe(1);
    expect(await database.db.select().from(mailOutbox).where(eq(mailOutbox.subjectId, made[0]!.id))).toHaveLength(1);
    expect(await browser.confirmation()).toMatchObject({ number: "OMA-2029-00001" });
    expect(services.wakeCount()).toBe(1);
  });

  it("gives one dossier when two submits of the same draft run at the same time; both land on the confirmation", async () => {
    const services = servicesAt("2030-03-01T10:00:00Z");
    const browser = await seedDraft(services, { today: "2030-03-01", representative: true });
    const draftId = await browser.draftId();
    const files = await browser.attachments();
    const results = await Promise.all([browser.submit(), browser.submit()]);
    expect(results.map(locationOf)).toEqual(["/klacht/verzonden", "/klacht/verzonden"]);
    const made = await dossiersOf(draftId);
    expect(made).toHaveLength(1);
    expect(made[0]!.number).toBe("OMA-2030-00001");
    expect(await counter(2030)).toBe(1);
    expect(await database.db.select().from(dossiers).where(eq(dossiers.year, 2030))).toHaveLength(1);
    expect(await database.db.select().from(mailOutbox).where(eq(mailOutbox.subjectId, made[0]!.id))).toHaveLength(1);
    const moved = await database.db
      .select()
      .from(dossierAttachments)
      .where(eq(dossierAttachments.dossierId, made[0]!.id));
    expect(moved.map((f) => f.storageKey).sort()).toEqual(files.map((f) => f.storageKey).sort());
    // A review error recorded by a losing request would show up on a step the resident can no longer open; none is left.
    expect((await browser.draft()).reviewErrors ?? []).toEqual([]);
  });
});

describe("dossier numbers", () => {
  it("numbers drafts submitted one after another consecutively from 00001 in a fresh year", async () => {
    const services = servicesAt("2032-02-15T10:00:00Z");
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const browser = await seedDraft(services, { today: "2032-02-15", answered: i % 2 === 0 });
      expect(locationOf(await browser.submit())).toBe("/klacht/verzonden");
      numbers.push((await dossiersOf(await browser.draftId()))[0]!.number);
    }
    expect(numbers).toEqual(["OMA-2032-00001", "OMA-2032-00002", "OMA-2032-00003", "OMA-2032-00004", "OMA-2032-00005"]);
    expect(await counter(2032)).toBe(5);
  });

  describe.runIf(onPostgres)("under concurrency (PostgreSQL)", () => {
    it("gives 50 drafts submitted at the same time 50 distinct, consecutive numbers and 50 dossiers", async () => {
      const services = servicesAt("2033-02-15T10:00:00Z");
      const browsers: IntakeBrowser[] = [];
      for (let i = 0; i < 50; i++)
        browsers.push(await seedDraft(services, { today: "2033-02-15", representative: i % 3 === 0 }));
      const ids = await Promise.all(browsers.map((b) => b.draftId()));

      const results = await Promise.all(browsers.map((b) => b.submit()));
      expect(results.map(locationOf)).toEqual(Array(50).fill("/klacht/verzonden"));

      const made = await database.db.select().from(dossiers).where(inArray(dossiers.sourceDraftId, ids));
      expect(made).toHaveLength(50);
      expect(new Set(made.map((d) => d.sourceDraftId)).size).toBe(50);
      const expected = Array.from({ length: 50 }, (_, i) => `OMA-2033-${String(i + 1).padStart(5, "0")}`);
      expect(made.map((d) => d.number).sort()).toEqual(expected);
      expect(made.map((d) => d.sequence).sort((a, b) => a - b)).toEqual(expected.map((_, i) => i + 1));
      expect(await counter(2033)).toBe(50);
      // Every draft points at its own dossier.
      const drafts = await database.db.select().from(intakeDrafts).where(inArray(intakeDrafts.id, ids));
      for (const d of drafts) expect(made.find((m) => m.id === d.dossierId)?.sourceDraftId).toBe(d.id);
      expect(services.wakeCount()).toBe(50);
    });
  });
});

describe("a failure halfway leaves no partial dossier and the draft intact", () => {
  it("answers 'try again later' while the S3 storage cannot be reached", async () => {
    const s3 = await startS3Server();
    try {
      const services = servicesAt("2034-03-01T10:00:00Z", { storage: createS3Storage(s3.config) });
      const browser = await seedDraft(services, {
        today: "2034-03-01",
        representative: true,
        files: [],
        answers: { mandateDone: undefined, attachmentsDone: undefined },
      });
      // The files go in through the real upload steps, into the S3 server.
      await browser.uploadFiles(
        "mandate",
        [{ field: "mandate", name: "machtiging.pdf", body: PDF_BYTES, type: "application/pdf" }],
        { fields: { intent: "continue" } },
      );
      const toReview = await browser.uploadFiles(
        "attachments",
        [{ field: "municipality_answer", name: "antwoord.pdf", body: PDF_BYTES, type: "application/pdf" }],
        {
          fields: { intent: "continue" },
        },
      );
      expect(locationOf(toReview)).toBe("/klacht/controleren");
      expect(await storedKeys(services, "attachments/")).toHaveLength(2);
      const before = await snapshot(browser);
      expect(before.files).toHaveLength(2);

      await s3.stop();
      const failed = asData<{ errors: Record<string, string> }>(await browser.submit());
      expect(failed.init?.status).toBe(503);
      expect(failed.data.errors.submit).toBe(SUBMIT_FAILED);
      expect(await dossiersOf(await browser.draftId())).toEqual([]);
      expect(await counter(2034)).toBeNull();
      expect(await snapshot(browser)).toEqual(before);
      // The review page still shows everything.
      expect(await browser.load("review")).toMatchObject({
        answers: before.answers,
        files: expect.arrayContaining([expect.objectContaining({ fileName: "antwoord.pdf" })]),
      });
    } finally {
      await s3.stop();
    }
  });

  it("keeps the draft through a storage outage, and submits once storage is back", async () => {
    const base = servicesAt("2035-03-01T10:00:00Z");
    let down = true;
    const flaky: ObjectStorage = {
      ...base.storage,
      head: (key) => (down ? Promise.reject(new Error("connect ECONNREFUSED 10.0.0.5:443")) : base.storage.head(key)),
      sizeOf: (key) =>
        down ? Promise.reject(new Error("connect ECONNREFUSED 10.0.0.5:443")) : base.storage.sizeOf(key),
    };
    const services = servicesAt("2035-03-01T10:00:00Z", { storage: flaky });
    const browser = await seedDraft(services, { today: "2035-03-01", representative: true });
    const before = await snapshot(browser);

    const failed = asData<{ errors: Record<string, string> }>(await browser.submit());
    expect(failed.init?.status).toBe(503);
    expect(failed.data.errors.submit).toBe(SUBMIT_FAILED);
    await expectUntouched(browser, before, base.storage);
    expect(await counter(2035)).toBeNull();

    down = false;
    expect(locationOf(await browser.submit())).toBe("/klacht/verzonden");
    const [dossier] = await dossiersOf(await browser.draftId());
    expect(dossier!.number).toBe("OMA-2035-00001");
    const moved = await database.db
      .select()
      .from(dossierAttachments)
      .where(eq(dossierAttachments.dossierId, dossier!.id));
    expect(moved.map((f) => f.storageKey).sort()).toEqual(before.files.map((f) => f.storageKey).sort());
  });

  it("rolls everything back when the dossier cannot be stored (its number is already taken), and does not use up a number", async () => {
    const services = servicesAt("2031-05-04T10:00:00Z");
    // A dossier registered by hand took number 7 while the counter still says 6.
    await database.query(
      `INSERT INTO dossiers (number, year, sequence, municipality_id, channel, topic, complaint_text, incident_place, incident_date,
                             by_representative, submitted_at, contact_due_on)
       VALUES ('OMA-2031-00007', 2031, 7, 'amsterdam', 'phone', 'conduct', 'Telefonisch opgenomen', 'Balie', '2031-01-10', false, now(), '2031-05-18')`,
    );
    await database.query(`INSERT INTO dossier_counters (year, last) VALUES (2031, 6)`);
    const mailsBefore = (await database.db.select().from(mailOutbox)).length;
    const browser = await seedDraft(services, { today: "2031-05-04", representative: true });
    const before = await snapshot(browser);

    const failed = asData<{ errors: Record<string, string> }>(await browser.submit());
    expect(failed.init?.status).toBe(503);
    expect(failed.data.errors.submit).toBe(SUBMIT_FAILED);
    await expectUntouched(browser, before);
    expect(await counter(2031)).toBe(6);
    expect((await database.db.select().from(mailOutbox)).length).toBe(mailsBefore);
    expect(
      await database.db
        .select()
        .from(dossierAttachments)
        .where(
          inArray(
            dossierAttachments.storageKey,
            before.files.map((f) => f.storageKey),
          ),
        ),
    ).toEqual([]);
    const [handMade] = await database.db.select().from(dossiers).where(eq(dossiers.number, "OMA-2031-00007"));
    expect(handMade).toMatchObject({ channel: "phone", sourceDraftId: null });

    // Once the counter is corrected, the same draft goes through.
    await database.query(`UPDATE dossier_counters SET last = 7 WHERE year = 2031`);
    expect(locationOf(await browser.submit())).toBe("/klacht/verzonden");
    expect((await dossiersOf(await browser.draftId())).map((d) => d.number)).toEqual(["OMA-2031-00008"]);
  });
});

describe("the submit trusts no earlier step", () => {
  const NOW = "2026-06-10T09:00:00Z";
  const TODAY = "2026-06-10";

  /** Overwrites the stored answers directly in the database, as if they had changed since the step saved them. */
  async function tamper(browser: IntakeBrowser, change: (answers: Record<string, unknown>) => void) {
    const draft = await browser.draft();
    const answers = structuredClone(draft.answers) as Record<string, unknown>;
    change(answers);
    await database.db.update(intakeDrafts).set({ answers }).where(eq(intakeDrafts.id, draft.id));
  }

  it("sends a complaint text of 2001 characters back to its step with the count, and keeps the text", async () => {
    const services = servicesAt(NOW);
    const browser = await seedDraft(services, { today: TODAY });
    // 2000 letters and one emoji: 2001 characters as the resident sees them (2002 UTF-16 units).
    const text = `${"Niemand belde terug. ".repeat(95)}abcde${"🙂"}`;
    expect([...text].length).toBe(2001);
    await tamper(browser, (a) => ((a.complaint as { text: string }).text = text));
    const before = await snapshot(browser);

    expect(locationOf(await browser.submit())).toBe("/klacht/uw-klacht?terug=controleren");
    await expectUntouched(browser, before);
    const step = await browser.load("complaint", "?terug=controleren");
    expect(step).toMatchObject({
      errors: { text: "Uw beschrijving is 2001 tekens. Maak die korter: maximaal 2000 tekens." },
      values: { text },
      changing: true,
      backPath: "/klacht/controleren",
    });
  });

  it("sends a representative without a mandate file to the mandate step", async () => {
    const services = servicesAt(NOW);
    const browser = await seedDraft(services, {
      today: TODAY,
      representative: true,
      files: [{ field: "municipality_answer", name: "antwoord.pdf", body: PDF_BYTES, type: "application/pdf" }],
    });
    const before = await snapshot(browser);
    expect(before.answers.mandateDone).toBe(true);

    expect(locationOf(await browser.submit())).toBe("/klacht/machtiging?terug=controleren");
    await expectUntouched(browser, before);
    expect(await browser.load("mandate", "?terug=controleren")).toMatchObject({
      files: [],
      errors: { mandate: "Voeg het ondertekende machtigingsformulier toe." },
    });
  });

  it("sends an answer date before the receipt date back to the answer-date step", async () => {
    const services = servicesAt(NOW);
    const browser = await seedDraft(services, { today: TODAY, receivedOn: "2026-02-10", answeredOn: "2026-04-01" });
    await tamper(browser, (a) => (a.answeredOn = "2026-02-05"));
    const before = await snapshot(browser);

    expect(locationOf(await browser.submit())).toBe("/klacht/antwoorddatum?terug=controleren");
    await expectUntouched(browser, before);
    expect(await browser.load("answerDate", "?terug=controleren")).toMatchObject({
      values: { day: "5", month: "2", year: "2026" },
      errors: {
        day: "De datum van het antwoord kan niet vóór de datum liggen waarop de gemeente uw klacht ontving (10 februari 2026).",
      },
    });
  });

  it("sends a file over today's size limit back to the attachments step", async () => {
    const services = servicesAt(NOW);
    const big = Buffer.alloc(1.5 * 1024 * 1024, 0x20);
    big.write("%PDF-1.4\n");
    const browser = await seedDraft(services, {
      today: TODAY,
      files: [{ field: "municipality_answer", name: "Antwoord gemeente.pdf", body: big, type: "application/pdf" }],
    });
    const before = await snapshot(browser);
    // The limit was lowered after the file was uploaded.
    const stricter = servicesAt(NOW, { env: { UPLOAD_MAX_FILE_MB: "1" }, storage: services.storage });
    const sameBrowser = browser.withServices(stricter);

    expect(locationOf(await sameBrowser.submit())).toBe("/klacht/bijlagen?terug=controleren");
    await expectUntouched(sameBrowser, before);
    expect(await sameBrowser.load("attachments", "?terug=controleren")).toMatchObject({
      errors: { municipality_answer: "Het bestand Antwoord gemeente.pdf is groter dan 1 MB." },
      files: [expect.objectContaining({ fileName: "Antwoord gemeente.pdf", size: big.length })],
    });
  });

  it("sends a file that disappeared from storage back to its step", async () => {
    const services = servicesAt(NOW);
    const browser = await seedDraft(services, { today: TODAY });
    const [file] = await browser.attachments();
    await services.storage.delete(file!.storageKey);
    const before = await snapshot(browser);
    expect(locationOf(await browser.submit())).toBe("/klacht/bijlagen?terug=controleren");
    expect(await dossiersOf(await browser.draftId())).toEqual([]);
    expect(await snapshot(browser)).toEqual(before);
    expect(await browser.load("attachments")).toMatchObject({
      errors: {
        municipality_answer: "Het bestand Antwoord gemeente.pdf is niet meer beschikbaar. Voeg het opnieuw toe.",
      },
    });
  });

  it("sends a municipality that has left the scheme back to the municipality step", async () => {
    const services = servicesAt(NOW);
    const browser = await seedDraft(services, { today: TODAY, municipalityId: "waterland" });
    const before = await snapshot(browser);
    await database.query(`UPDATE municipalities SET left_on = $1 WHERE id = 'waterland'`, [addDays(TODAY, -1)]);
    try {
      expect(locationOf(await browser.submit())).toBe("/klacht/gemeente?terug=controleren");
      await expectUntouched(browser, before);
      const draft = await browser.draft();
      expect(draft.reviewErrors).toEqual([
        {
          step: "municipality",
          errors: {
            municipalityId:
              "De gemeente Waterland is niet (meer) bij de ombudsman aangesloten. Kies een andere gemeente of ‘Een andere organisatie’.",
          },
        },
      ]);
      const step = (await browser.load("municipality", "?terug=controleren")) as {
        municipalities: { id: string }[];
        notAffiliated: string | null;
        value?: string;
      };
      expect(step.notAffiliated).not.toBeNull();
      expect(step.value).toBeUndefined();
      expect(step.municipalities.map((m) => m.id)).not.toContain("waterland");
    } finally {
      await database.query(`UPDATE municipalities SET left_on = NULL WHERE id = 'waterland'`);
    }
  });

  it("recomputes the first-line check with today's date: a year-old answer is now out of time", async () => {
    // Saved on 1 June 2026, when the answer of 5 June 2025 was still within the year; sent on 10 June.
    const services = servicesAt(NOW);
    const browser = await seedDraft(services, { today: TODAY, receivedOn: "2025-04-01", answeredOn: "2025-06-05" });
    const before = await snapshot(browser);
    // The outcome page explains why; there is nothing to correct, so it need not lead back to the review.
    expect(locationOf(await browser.submit())).toMatch(/^\/klacht\/uitkomst(\?terug=controleren)?$/);
    await expectUntouched(browser, before);
    expect(await browser.load("outcome")).toMatchObject({ outcome: "window_expired", windowEndsOn: "2026-06-05" });
    expect(locationOf(await browser.load("forWhom"))).toBe("/klacht/uitkomst");
  });

  it("does not turn a topic the form never offered into a dossier", async () => {
    const services = servicesAt(NOW);
    const browser = await seedDraft(services, { today: TODAY });
    await tamper(browser, (a) => (a.topic = "zomaar iets"));
    const before = await snapshot(browser);
    const result = await browser.submit();
    expect(await dossiersOf(await browser.draftId())).toEqual([]);
    expect(locationOf(result)).toBe("/klacht/onderwerp?terug=controleren");
    expect((await snapshot(browser)).answers).toEqual(before.answers);
  });

  it("leaves the draft and its files alone when consent is missing", async () => {
    const services = servicesAt(NOW);
    const browser = await seedDraft(services, { today: TODAY });
    const before = await snapshot(browser);
    const refused = asData<{ errors: Record<string, string> }>(await browser.submit({}));
    expect(refused.init?.status).toBe(400);
    expect(Object.keys(refused.data.errors)).toEqual(["consent"]);
    await expectUntouched(browser, before);
    expect(
      await database.db
        .select()
        .from(draftAttachments)
        .where(eq(draftAttachments.draftId, await browser.draftId())),
    ).toHaveLength(1);
  });
});
