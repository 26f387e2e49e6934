import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { sendDueDigests as queueDigests } from "#app/dossiers/digest.server";
import { digestMail } from "#app/mail/digest.server";
import { startHousekeeping } from "#app/housekeeping.server";
import type { Services } from "#app/utils/services.server";
import { openDatabase, type DatabaseHandle } from "#db/client";
import { createDossier, createUser, type CreatedDossier, type NewDossierInput } from "#test/support/factories";
import { digestLog, dossierApprovals, dossierFollowUps, mailOutbox, users } from "#db/schema/index";
import { createTestServices } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

/**
 * The morning digest, on Wednesday 20 May 2026 and the days after (CEST, UTC+2). Contact
 * dates are the Amsterdam submission day + 14; nobody has been called unless stated.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
const PUBLIC_URL = "https://oma.example.test";
let sanne: { id: string; email: string };
let karim: { id: string; email: string };
let idle: { id: string; email: string };
let gone: { id: string; email: string };
const made = new Map<string, CreatedDossier>();

const at = (iso: string) => new Date(iso);
/** The digest as housekeeping queues it: in the words of the mail module. */
const sendDueDigests = (on: Parameters<typeof queueDigests>[0], now: Date) => queueDigests(on, now, digestMail);

async function staff(role: "case_handler" | "coordinator", name: string) {
  const user = await createUser(database.db, { role, name });
  return { id: user.id, email: user.email };
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { env: { PUBLIC_URL } });
  sanne = await staff("case_handler", "Sanne Behandelaar");
  karim = await staff("coordinator", "Karim Coördinator");
  idle = await staff("case_handler", "Iris Zonderhaast");
  gone = await staff("case_handler", "Gijs Vertrokken");
  await database.db.update(users).set({ active: false }).where(eq(users.id, gone.id));

  const dossiers: Record<string, NewDossierInput> = {
    // Sanne's: contact date 15 May, 5 days overdue.
    contactOverdue: {
      submittedAt: at("2026-05-01T08:00:00Z"),
      assigneeId: sanne.id,
      complainant: { name: "Anna Jansen" },
    },
    // Called in time; the handling target (1 February + 15 weeks = 17 May) is 3 days overdue.
    handlingOverdue: {
      submittedAt: at("2026-02-01T09:00:00Z"),
      assigneeId: sanne.id,
      status: "intervention",
      firstContactAt: at("2026-02-05T09:00:00Z"),
      handlingTargetWeeks: 15,
      complainant: { name: "Bram Bakker" },
    },
    dueToday: { submittedAt: at("2026-05-06T08:00:00Z"), assigneeId: sanne.id, complainant: { name: "Chantal Smit" } },
    dueInThree: {
      submittedAt: at("2026-05-09T08:00:00Z"),
      assigneeId: sanne.id,
      status: "intake",
      complainant: { name: "Daan Visser" },
    },
    // Not in the first digest: 4 days to go, or closed.
    dueInFour: { submittedAt: at("2026-05-10T08:00:00Z"), assigneeId: sanne.id, complainant: { name: "Eva de Boer" } },
    closedOverdue: {
      submittedAt: at("2026-05-01T09:00:00Z"),
      assigneeId: sanne.id,
      status: "closed",
      complainant: { name: "Fenna Mulder" },
    },
    // Karim's one overdue dossier (contact date 16 May).
    karimOverdue: {
      submittedAt: at("2026-05-02T08:00:00Z"),
      assigneeId: karim.id,
      complainant: { name: "Gert Meijer" },
    },
    // Iris has only dossiers with time left; Gijs has left; one is nobody's.
    idleDueJune1: { submittedAt: at("2026-05-18T09:00:00Z"), assigneeId: idle.id },
    idleDueJune2: { submittedAt: at("2026-05-19T09:00:00Z"), assigneeId: idle.id },
    goneOverdue: { submittedAt: at("2026-05-01T10:00:00Z"), assigneeId: gone.id },
    unassignedOverdue: { submittedAt: at("2026-05-01T11:00:00Z") },
  };
  for (const [key, input] of Object.entries(dossiers)) {
    made.set(key, await createDossier(database.db, services.storage, { ...input, attachments: [] }));
  }
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

beforeEach(async () => {
  await database.db.delete(mailOutbox);
});

const number = (key: string) => {
  const d = made.get(key);
  if (!d) throw new Error(`no dossier ${key}`);
  return d.number;
};

async function outbox() {
  return database.db.select().from(mailOutbox).orderBy(mailOutbox.id);
}

/** The dossier numbers a mail lists, in the order it lists them. */
function listed(text: string): string[] {
  return [...new Set(text.match(/OMA-\d{4}-\d{5}/g) ?? [])];
}

async function digestDays(userId: string): Promise<string[]> {
  const rows = await database.db.select({ day: digestLog.day }).from(digestLog).where(eq(digestLog.userId, userId));
  return rows.map((r) => r.day).sort();
}

describe("the morning digest", () => {
  it("sends nothing before the digest hour on the Amsterdam clock", async () => {
    // 06:59 in Amsterdam.
    expect(await sendDueDigests(services, at("2026-05-20T04:59:00Z"))).toEqual({ sent: 0 });
    expect(await outbox()).toHaveLength(0);
    expect(await digestDays(sanne.id)).toEqual([]);
  });

  it("at the digest hour sends each handler with due or overdue dossiers one mail listing exactly those, overdue first", async () => {
    const wakes = services.wakeCount();
    // 07:00 in Amsterdam, 05:00 UTC.
    expect(await sendDueDigests(services, at("2026-05-20T05:00:00Z"))).toEqual({ sent: 2 });
    const mails = await outbox();
    expect(mails.map((m) => m.toAddress).sort()).toEqual([karim.email, sanne.email].sort());
    expect(services.wakeCount()).toBe(wakes + 1);

    const mail = mails.find((m) => m.toAddress === sanne.email)!;
    expect(mail).toMatchObject({
      kind: "staff_digest",
      locale: "nl",
      status: "pending",
      subjectType: "user",
      subjectId: sanne.id,
    });
    expect(mail.subject).toBe("Dagoverzicht woensdag 20 mei 2026: 4 dossiers met een termijn");
    expect(listed(mail.textBody)).toEqual([
      number("contactOverdue"),
      number("handlingOverdue"),
      number("dueToday"),
      number("dueInThree"),
    ]);
    const text = mail.textBody;
    expect(text).toContain("Goedemorgen Sanne Behandelaar,");
    expect(text).toContain(
      `- ${number("contactOverdue")}, Anna Jansen\n  Eerste contact uiterlijk vrijdag 15 mei 2026 (5 dagen te laat)\n  ${PUBLIC_URL}/behandelaar/dossiers/${number("contactOverdue")}`,
    );
    expect(text).toContain(
      `- ${number("handlingOverdue")}, Bram Bakker\n  Afhandelen uiterlijk zondag 17 mei 2026 (3 dagen te laat)`,
    );
    expect(text).toContain(
      `- ${number("dueToday")}, Chantal Smit\n  Eerste contact uiterlijk woensdag 20 mei 2026 (vandaag)`,
    );
    expect(text).toContain(
      `- ${number("dueInThree")}, Daan Visser\n  Eerste contact uiterlijk zaterdag 23 mei 2026 (nog 3 dagen)`,
    );
    expect(text.indexOf("Te laat")).toBeLessThan(text.indexOf("Binnen drie dagen"));
    expect(text).not.toContain("Eva de Boer");
    expect(text).not.toContain("Fenna Mulder");
    expect(text).not.toContain("Gert Meijer");
    expect(mail.htmlBody).toContain(
      `<a href="${PUBLIC_URL}/behandelaar/dossiers/${number("dueInThree")}">${number("dueInThree")}, Daan Visser</a>`,
    );

    const karimMail = mails.find((m) => m.toAddress === karim.email)!;
    expect(karimMail.subject).toBe("Dagoverzicht woensdag 20 mei 2026: 1 dossier met een termijn");
    expect(listed(karimMail.textBody)).toEqual([number("karimOverdue")]);
    expect(karimMail.textBody).toContain("(4 dagen te laat)");

    expect(await digestDays(sanne.id)).toEqual(["2026-05-20"]);
    expect(await digestDays(idle.id)).toEqual([]);
    expect(await digestDays(gone.id)).toEqual([]);
  });

  it("sends nothing more the same day", async () => {
    const wakes = services.wakeCount();
    expect(await sendDueDigests(services, at("2026-05-20T05:05:00Z"))).toEqual({ sent: 0 });
    expect(await sendDueDigests(services, at("2026-05-20T21:59:00Z"))).toEqual({ sent: 0 });
    expect(await outbox()).toHaveLength(0);
    expect(services.wakeCount()).toBe(wakes);
  });

  it("sends again the next day, with the deadlines counted from that day", async () => {
    // 23:59 on the 20th in Amsterdam is still the same day; 07:10 on the 21st is the next.
    expect(await sendDueDigests(services, at("2026-05-20T21:59:59Z"))).toEqual({ sent: 0 });
    expect(await sendDueDigests(services, at("2026-05-21T05:10:00Z"))).toEqual({ sent: 2 });
    const mail = (await outbox()).find((m) => m.toAddress === sanne.email)!;
    expect(listed(mail.textBody)).toEqual([
      number("contactOverdue"),
      number("handlingOverdue"),
      number("dueToday"),
      number("dueInThree"),
      number("dueInFour"),
    ]);
    expect(mail.textBody).toContain("(1 dag te laat)");
    expect(mail.textBody).toContain("(nog 2 dagen)");
    expect(mail.textBody).toContain("(nog 3 dagen)");
    expect(await digestDays(sanne.id)).toEqual(["2026-05-20", "2026-05-21"]);
  });

  it("sends one mail per user when two runs race", async () => {
    const now = at("2026-05-22T06:00:00Z");
    const results = await Promise.all([sendDueDigests(services, now), sendDueDigests(services, now)]);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(2);
    expect((await outbox()).map((m) => m.toAddress).sort()).toEqual([karim.email, sanne.email].sort());
  });

  it("points to the queue for what a long list leaves out", () => {
    const mail = digestMail({
      name: "Sanne",
      items: [{ number: "OMA-2026-00001", complainant: "Anna <Jansen>", dueOn: "2026-05-19", kind: "contact" }],
      total: 101,
      followUps: [],
      approvals: 0,
      today: "2026-05-20",
      publicUrl: PUBLIC_URL,
    });
    expect(mail.subject).toBe("Dagoverzicht woensdag 20 mei 2026: 101 dossiers met een termijn");
    expect(mail.text).toContain("(1 dag te laat)");
    expect(mail.text).toContain("En nog 100 dossiers.");
    expect(mail.text).toContain(`Uw werkvoorraad: ${PUBLIC_URL}/behandelaar?weergave=mine`);
    expect(mail.html).toContain("Anna &lt;Jansen&gt;");
    expect(mail.html).not.toContain("<Jansen>");
  });

  it("runs from the housekeeping timer", async () => {
    const timed = createTestServices(database, { env: { PUBLIC_URL }, now: () => at("2026-05-23T05:30:00Z") });
    const housekeeping = startHousekeeping(timed, 60 * 60 * 1000, 25);
    try {
      for (let i = 0; i < 100 && (await outbox()).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      // Several more ticks of the digest timer: still one mail each.
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await housekeeping.stop();
      timed.cleanup();
    }
    expect((await outbox()).map((m) => m.toAddress).sort()).toEqual([karim.email, sanne.email].sort());
    expect(timed.wakeCount()).toBe(1);
  });
});

describe.runIf(Boolean(process.env.DATABASE_URL))("the morning digest on a PostgreSQL server", () => {
  let second: DatabaseHandle;
  let other: Pick<Services, "db" | "env" | "wakeMailWorker">;

  beforeAll(async () => {
    if (!database.url) throw new Error("expected a server database");
    second = await openDatabase({ kind: "postgres", url: database.url, poolSize: 4 });
    other = { db: second.db, env: services.env, wakeMailWorker: () => {} };
  });
  afterAll(async () => {
    await second?.close();
  });

  it("sends one mail per user when two processes with their own connections race", async () => {
    for (const day of ["2026-05-25", "2026-05-26", "2026-05-27"]) {
      await database.db.delete(mailOutbox);
      const now = at(`${day}T05:00:00Z`);
      const results = await Promise.all([sendDueDigests(services, now), sendDueDigests(other, now)]);
      expect(
        results.reduce((sum, r) => sum + r.sent, 0),
        day,
      ).toBe(2);
      expect((await outbox()).map((m) => m.toAddress).sort(), day).toEqual([karim.email, sanne.email].sort());
    }
    expect(await digestDays(karim.id)).toEqual([
      "2026-05-20",
      "2026-05-21",
      "2026-05-22",
      "2026-05-23",
      "2026-05-25",
      "2026-05-26",
      "2026-05-27",
    ]);
  });
});

describe("follow-ups in the digest", () => {
  it("lists a handler's own follow-up from its day until it is ticked off, also with nothing else due", async () => {
    const fenna = await staff("case_handler", "Fenna Opvolger");
    const d = await createDossier(database.db, services.storage, { submittedAt: at("2026-05-28T08:00:00Z") });
    const [row] = await database.db
      .insert(dossierFollowUps)
      .values({ dossierId: d.id, ownerId: fenna.id, dueOn: "2026-06-03", note: "Bellen over de brief <van> juni" })
      .returning({ id: dossierFollowUps.id });
    const fennaMail = async () => (await outbox()).filter((m) => m.toAddress === fenna.email);
    await sendDueDigests(services, at("2026-06-02T05:00:00Z"));
    expect(await fennaMail()).toEqual([]);
    await sendDueDigests(services, at("2026-06-03T05:00:00Z"));
    const [mail] = await fennaMail();
    expect(mail!.subject).toBe("Dagoverzicht woensdag 3 juni 2026: 1 om op te volgen");
    expect(mail!.textBody).toContain(`${d.number}: Bellen over de brief <van> juni`);
    expect(mail!.textBody).toContain("Opvolgen op woensdag 3 juni 2026");
    expect(mail!.htmlBody).toContain("&lt;van&gt;");
    // Still open the next day; once ticked off, no more.
    await sendDueDigests(services, at("2026-06-04T05:00:00Z"));
    expect(await fennaMail()).toHaveLength(2);
    await database.db
      .update(dossierFollowUps)
      .set({ doneAt: at("2026-06-04T09:00:00Z") })
      .where(eq(dossierFollowUps.id, row!.id));
    await sendDueDigests(services, at("2026-06-05T05:00:00Z"));
    expect(await fennaMail()).toHaveLength(2);
  });
});

describe("approvals in a coordinator's digest", () => {
  it("counts the requests others made, with the link to the list, also with nothing else due", async () => {
    const cora = await staff("coordinator", "Cora Tweede Paar Ogen");
    const d = await createDossier(database.db, services.storage, { submittedAt: at("2026-06-01T08:00:00Z") });
    const ask = (askedBy: string) =>
      database.db.insert(dossierApprovals).values({
        dossierId: d.id,
        kind: "close",
        proposal: { outcome: "not_taken_up" },
        askedBy,
        askedAt: at("2026-06-08T09:00:00Z"),
      });
    // Her own request is not hers to decide: no digest for it.
    await ask(cora.id);
    await sendDueDigests(services, at("2026-06-09T05:00:00Z"));
    const coraMail = async () => (await outbox()).filter((m) => m.toAddress === cora.email);
    expect(await coraMail()).toEqual([]);
    await database.db.delete(dossierApprovals);
    await ask(sanne.id);
    await sendDueDigests(services, at("2026-06-10T05:00:00Z"));
    const [mail] = await coraMail();
    expect(mail!.subject).toBe("Dagoverzicht woensdag 10 juni 2026: 1 verzoek om goedkeuring");
    expect(mail!.textBody).toContain(
      `1 verzoek om goedkeuring wacht op uw besluit:\n${PUBLIC_URL}/behandelaar/goedkeuringen`,
    );
    await database.db.delete(dossierApprovals);
  });
});
