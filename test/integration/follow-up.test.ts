import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { CaseworkActor } from "#app/dossiers/casework/command.server";
import { completeFollowUp, openFollowUps, setFollowUp } from "#app/dossiers/casework/follow-up.server";
import { sendMail } from "#app/dossiers/casework/mail.server";
import { getCaseworkForStaff } from "#app/dossiers/queries.server";
import { listQueue, parseQueueFilter } from "#app/dossiers/queue.server";
import { dossierEvents, dossiers, mailOutbox } from "#db/schema/index";
import { contextFor, createTestServices } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { createDossier, createUser } from "#test/support/factories";

/**
 * A handler's own follow-up dates (issue 14, part 4): set with a note, in the queue's "follow up"
 * view from that day for that handler only, until ticked off; and a mail to the resident that
 * counts as the (first) contact, listed with the contacts with its text.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
const clock = new Date("2026-12-07T09:00:00Z");
let sanne: CaseworkActor;
let karim: CaseworkActor;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => clock });
  const s = await createUser(database.db, { role: "case_handler", name: "Sanne" });
  const k = await createUser(database.db, { role: "coordinator", name: "Karim" });
  sanne = { id: s.id, role: s.role, name: s.name };
  karim = { id: k.id, role: k.role, name: k.name };
});

afterAll(async () => {
  await database.destroy();
});

const followUpView = async (actor: CaseworkActor, today: string, number: string) => {
  const result = await listQueue(database.db, {
    actor,
    filter: parseQueueFilter(new URL(`http://localhost/behandelaar?weergave=follow_up&zoek=${number}`)),
    today,
  });
  return { rows: result!.rows.map((r) => r.number), count: result!.counts.follow_up };
};

describe("a follow-up date", () => {
  it("is in the handler's own 'follow up' view from its day until ticked off", async () => {
    const d = await createDossier(database.db, services.storage, { assigneeId: sanne.id });
    const scope = (actor: CaseworkActor) => ({ ctx: contextFor(services), actor, number: d.number });
    expect(await setFollowUp(scope(sanne), { followUpOn: "2026-12-06", followUpNote: "Te laat" })).toMatchObject({
      ok: false,
      issues: [{ code: "follow-up-past" }],
    });
    expect(
      await setFollowUp(scope(sanne), { followUpOn: "2026-12-09", followUpNote: "Gemeente bellen over de brief" }),
    ).toEqual({ ok: true });
    expect(await followUpView(sanne, "2026-12-08", d.number)).toEqual({ rows: [], count: 0 });
    expect(await followUpView(sanne, "2026-12-09", d.number)).toEqual({ rows: [d.number], count: 1 });
    expect(await followUpView(sanne, "2026-12-10", d.number)).toEqual({ rows: [d.number], count: 1 });
    // Not in a colleague's view: it is Sanne's reminder.
    expect(await followUpView(karim, "2026-12-10", d.number)).toEqual({ rows: [], count: 0 });

    const [open] = await openFollowUps(database.db, d.id);
    expect(open).toMatchObject({ dueOn: "2026-12-09", note: "Gemeente bellen over de brief", owner: "Sanne" });
    // A colleague covering may tick it off; twice is refused with words.
    expect(await completeFollowUp(scope(karim), { followUpId: open!.id })).toEqual({ ok: true });
    expect(await completeFollowUp(scope(karim), { followUpId: open!.id })).toMatchObject({
      ok: false,
      issues: [{ code: "follow-up-gone" }],
    });
    expect(await followUpView(sanne, "2026-12-10", d.number)).toEqual({ rows: [], count: 0 });
    const events = await database.db
      .select({ type: dossierEvents.type, actor: dossierEvents.actorUserId })
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierId, d.id));
    expect(events.filter((e) => e.type.startsWith("follow_up"))).toEqual([
      { type: "follow_up_set", actor: sanne.id },
      { type: "follow_up_done", actor: karim.id },
    ]);
  });
});

describe("a mail that counts as contact", () => {
  it("is the first contact when ticked, listed with the contacts with its text; not when left unticked", async () => {
    const d = await createDossier(database.db, services.storage, { assigneeId: sanne.id });
    const scope = { ctx: contextFor(services), actor: sanne, number: d.number };
    expect(await sendMail(scope, { mailSubject: "Uw klacht", mailBody: "Wij hebben uw klacht gelezen." })).toEqual({
      ok: true,
    });
    let [row] = await database.db.select().from(dossiers).where(eq(dossiers.id, d.id));
    expect(row!.firstContactAt).toBeNull();

    expect(
      await sendMail(scope, {
        mailSubject: "Eerste contact",
        mailBody: "Ik ben uw behandelaar. Ik bel u volgende week.",
        mailCountsAsContact: true,
      }),
    ).toEqual({ ok: true });
    [row] = await database.db.select().from(dossiers).where(eq(dossiers.id, d.id));
    expect(row!.firstContactAt).toEqual(clock);
    expect(row!.status).toBe("intake");
    const casework = await getCaseworkForStaff(database.db, { dossierId: d.id, actor: sanne });
    expect(casework!.contacts.map((c) => [c.channel, c.contactedOn, c.summary, c.mailText])).toEqual([
      ["email", "2026-12-07", "Eerste contact", "Ik ben uw behandelaar. Ik bel u volgende week."],
    ]);
    // The mail itself says it: no extra "contact on record" update mail to the resident.
    const updates = await database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, "resident_update"), eq(mailOutbox.subjectId, d.id)));
    expect(updates).toEqual([]);
  });
});
