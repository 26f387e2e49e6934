import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { CaseworkActor } from "#app/dossiers/casework/command.server";
import { shareDossier } from "#app/dossiers/casework/share.server";
import { recordContact } from "#app/dossiers/casework/contact.server";
import { addNote } from "#app/dossiers/casework/note.server";
import { changeStatus } from "#app/dossiers/casework/status.server";
import { shareWithResident } from "#app/dossiers/casework/resident-share.server";
import { loader as documentLoader } from "#app/routes/mijn-klacht.documenten.$documentId";
import { askResident, registerAnswer } from "#app/dossiers/casework/question.server";
import { sendQuestionReminders } from "#app/residents/question-reminders.server";
import { questionReminderMail } from "#app/mail/question-reminder.server";
import { createSession } from "#app/auth/session.server";
import { listQueue, parseQueueFilter } from "#app/dossiers/queue.server";
import {
  action as staffDossierAction,
  loader as staffDossierLoader,
} from "#app/routes/behandelaar.dossiers.$number/route";
import { LINKS_PER_HOUR } from "#app/residents/access.server";
import { action as requestAction, loader as requestLoader } from "#app/routes/mijn-klacht._index";
import { action as dossierAction, loader as dossierLoader } from "#app/routes/mijn-klacht.dossier/route";
import { action as linkAction, loader as linkLoader } from "#app/routes/mijn-klacht.link.$token";
import { action as signOutAction } from "#app/routes/mijn-klacht.uitloggen";
import {
  auditEvents,
  dossierAttachments,
  dossierEvents,
  dossierPauses,
  dossiers,
  mailOutbox,
  residentLinks,
  residentQuestions,
} from "#db/schema/index";
import { contextFor, cookieFrom, createTestServices, getRequest, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { createDossier, createUser } from "#test/support/factories";
import { asData, asResponse, locationOf, PDF_BYTES } from "#test/support/intake";
import { BASE_URL } from "#test/support/app";

/**
 * The resident after submitting (issue 13): a one-time link by mail (asked with the dossier
 * number and address, the same answer either way), a short session on the status page, and
 * withdrawing the complaint, which the handler and the municipality hear of.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let clock = new Date("2026-12-02T10:00:00Z");
let handler: CaseworkActor;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => clock });
  const h = await createUser(database.db, { role: "case_handler", name: "Sanne de Behandelaar" });
  handler = { id: h.id, role: h.role, name: h.name };
  await createUser(database.db, { role: "municipality_officer", municipalityId: "amsterdam", name: "Ambtenaar" });
});

afterAll(async () => {
  await database.destroy();
});

const ask = (number: string, email: string) =>
  settle(() =>
    requestAction({
      request: postForm("/mijn-klacht", services, { number, email }),
      context: contextFor(services),
      params: {},
    }),
  );

async function linkMails(dossierId: string) {
  return database.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.kind, "resident_link"), eq(mailOutbox.subjectId, dossierId)));
}

const tokenIn = (text: string) => /\/mijn-klacht\/link\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "";

async function openLink(token: string) {
  const res = asResponse(
    await settle(() =>
      linkAction({
        request: postForm(`/mijn-klacht/link/${token}`, services, {}),
        context: contextFor(services),
        params: { token },
      }),
    ),
  );
  return res;
}

const statusPage = (cookie: string) =>
  settle(() =>
    dossierLoader({
      request: getRequest("/mijn-klacht/dossier", { cookie }),
      context: contextFor(services),
      params: {},
    }),
  );

async function signedIn(number: string, email: string, dossierId: string) {
  clock = new Date(clock.getTime() + 3_600_000); // past the hourly limit of earlier asks
  expect(locationOf(asResponse(await ask(number, email)))).toBe("/mijn-klacht?verstuurd=1#inhoud");
  const mails = await linkMails(dossierId);
  const res = await openLink(tokenIn(mails.at(-1)!.textBody));
  expect(locationOf(res)).toBe("/mijn-klacht/dossier");
  return cookieFrom(res, "oma_resident")!;
}

describe("asking for a link", () => {
  it("mails a one-time link for the right number and address, and answers the same for any other", async () => {
    const d = await createDossier(database.db, services.storage, { complainant: { email: "fatima@example.test" } });
    const unknown = asResponse(await ask("OMA-2026-99999", "fatima@example.test"));
    const wrongAddress = asResponse(await ask(d.number, "someone@example.test"));
    const right = asResponse(await ask(d.number.toLowerCase(), " Fatima@Example.test "));
    for (const res of [unknown, wrongAddress, right]) {
      expect(res.status).toBe(302);
      expect(locationOf(res)).toBe("/mijn-klacht?verstuurd=1#inhoud");
    }
    const mails = await linkMails(d.id);
    expect(mails.map((m) => m.toAddress)).toEqual(["fatima@example.test"]);
    expect(mails[0]!.textBody).toContain(d.number);
    const token = tokenIn(mails[0]!.textBody);
    expect(token).toHaveLength(43);
    // Only the hash is stored.
    const rows = await database.db.select().from(residentLinks).where(eq(residentLinks.dossierId, d.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toContain(token);

    // A bad number is a message on the page, not a 500.
    const bad = asData<{ errors: Record<string, string> }>(await ask("42", "fatima@example.test"));
    expect(bad.init?.status).toBe(400);
    expect(Object.keys(bad.data.errors)).toEqual(["number"]);

    // No more than a few an hour: a stranger cannot flood the resident's mailbox.
    for (let i = 0; i < LINKS_PER_HOUR + 2; i++) await ask(d.number, "fatima@example.test");
    expect(await linkMails(d.id)).toHaveLength(LINKS_PER_HOUR);
  });

  it("comes with the number filled in from the link in a resident's mail", async () => {
    const form = (query: string) =>
      settle(() =>
        requestLoader({ request: getRequest(`/mijn-klacht${query}`), context: contextFor(services), params: {} }),
      ) as Promise<{ number: string }>;
    expect((await form("?nummer=OMA-2026-00042")).number).toBe("OMA-2026-00042");
    expect((await form("?nummer=oma-2026-00042")).number).toBe("OMA-2026-00042");
    expect((await form("?nummer=<script>")).number).toBe("");
    expect((await form("")).number).toBe("");
  });
});

describe("a link", () => {
  it("opens a session once: looking does not use it, a second use and an expired link say so", async () => {
    clock = new Date("2026-12-03T10:00:00Z");
    const d = await createDossier(database.db, services.storage, { complainant: { email: "jan@example.test" } });
    await ask(d.number, "jan@example.test");
    const token = tokenIn((await linkMails(d.id))[0]!.textBody);
    const look = () =>
      settle(() =>
        linkLoader({
          request: getRequest(`/mijn-klacht/link/${token}`),
          context: contextFor(services),
          params: { token },
        }),
      );
    expect(await look()).toEqual({ state: "valid" });
    expect(await look()).toEqual({ state: "valid" });
    const opened = await openLink(token);
    expect(locationOf(opened)).toBe("/mijn-klacht/dossier");
    const cookie = cookieFrom(opened, "oma_resident")!;
    expect(await look()).toEqual({ state: "used" });
    expect(
      await settle(() =>
        linkAction({
          request: postForm(`/mijn-klacht/link/${token}`, services, {}),
          context: contextFor(services),
          params: { token },
        }),
      ),
    ).toEqual({ state: "used" });
    expect(
      await settle(() =>
        linkLoader({
          request: getRequest("/mijn-klacht/link/x"),
          context: contextFor(services),
          params: { token: "nonsense" },
        }),
      ),
    ).toEqual({ state: "unknown" });

    // The session shows this dossier, and each visit is in the audit log.
    const page = (await statusPage(cookie)) as { dossier: { number: string }; status: { stage: string } };
    expect(page.dossier.number).toBe(d.number);
    expect(page.status.stage).toBe("received");
    const visits = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "resident.dossier_viewed"), eq(auditEvents.subjectId, d.id)));
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ actorUserId: null, actorRole: "resident" });

    // 31 minutes idle: the session is gone, and the page asks for a new link.
    clock = new Date(clock.getTime() + 31 * 60_000);
    expect(locationOf(asResponse(await statusPage(cookie)))).toBe("/mijn-klacht?verlopen=1");

    // A link asked now but used after a week has expired.
    clock = new Date(clock.getTime() + 3_600_000);
    await ask(d.number, "jan@example.test");
    const later = tokenIn((await linkMails(d.id)).at(-1)!.textBody);
    clock = new Date(clock.getTime() + 8 * 24 * 3_600_000);
    expect(
      await settle(() =>
        linkAction({
          request: postForm(`/mijn-klacht/link/${later}`, services, {}),
          context: contextFor(services),
          params: { token: later },
        }),
      ),
    ).toEqual({ state: "expired" });
    // Without a session the page sends the resident to ask for a link.
    expect(locationOf(asResponse(await statusPage("")))).toBe("/mijn-klacht");
  });

  it("reaches only its own dossier", async () => {
    clock = new Date("2026-12-03T12:00:00Z");
    const first = await createDossier(database.db, services.storage, { complainant: { email: "eerste@example.test" } });
    const second = await createDossier(database.db, services.storage, {
      complainant: { email: "tweede@example.test" },
    });
    const cookie = await signedIn(second.number, "tweede@example.test", second.id);
    const page = (await statusPage(cookie)) as { dossier: { number: string } };
    expect(page.dossier.number).toBe(second.number);
    expect(JSON.stringify(page)).not.toContain(first.number);
    // Signed out, the cookie reaches nothing.
    const out = asResponse(
      await settle(() =>
        signOutAction({
          request: postForm("/mijn-klacht/uitloggen", services, {}, { cookie }),
          context: contextFor(services),
          params: {},
        }),
      ),
    );
    expect(locationOf(out)).toBe("/mijn-klacht?uitgelogd=1");
    expect(locationOf(asResponse(await statusPage(cookie)))).toBe("/mijn-klacht?verlopen=1");
  });
});

describe("withdrawing", () => {
  it("closes the dossier as withdrawn, tells the handler and the municipality, and cannot be done twice", async () => {
    clock = new Date("2026-12-04T09:00:00Z");
    const d = await createDossier(database.db, services.storage, {
      municipalityId: "amsterdam",
      assigneeId: handler.id,
      complainant: { email: "piet@example.test" },
    });
    const words = (o: { name: string }, link: string) => ({ subject: "Gedeeld", text: `${o.name}: ${link}` });
    await shareDossier({ ctx: contextFor(services), actor: handler, number: d.number }, { attachmentIds: [] }, words);
    const cookie = await signedIn(d.number, "piet@example.test", d.id);
    const post = (fields: Record<string, string>) =>
      settle(() =>
        dossierAction({
          request: postForm("/mijn-klacht/dossier", services, { intent: "withdraw", ...fields }, { cookie }),
          context: contextFor(services),
          params: {},
        }),
      );
    // Not ticked: a message, nothing changes.
    const unticked = asData<{ errors: Record<string, string> }>(await post({ withdrawReason: "Opgelost" }));
    expect(unticked.init?.status).toBe(400);
    expect(Object.keys(unticked.data.errors)).toEqual(["withdrawConfirm"]);
    expect((await database.db.select().from(dossiers).where(eq(dossiers.id, d.id)))[0]!.status).toBe("received");

    const done = asResponse(await post({ withdrawConfirm: "ja", withdrawReason: "De gemeente heeft het opgelost." }));
    expect(locationOf(done)).toBe("/mijn-klacht/dossier?ingetrokken=1#inhoud");
    const [row] = await database.db.select().from(dossiers).where(eq(dossiers.id, d.id));
    expect(row).toMatchObject({ status: "closed", outcome: "withdrawn" });
    const [event] = await database.db
      .select()
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, d.id), eq(dossierEvents.type, "status_changed")));
    expect(event).toMatchObject({
      actorUserId: null,
      details: { to: "closed", outcome: "withdrawn", by: "resident", explanation: "De gemeente heeft het opgelost." },
    });
    const told = await database.db
      .select({ to: mailOutbox.toAddress, text: mailOutbox.textBody })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, "dossier_withdrawn"), eq(mailOutbox.subjectId, d.id)));
    expect(told).toHaveLength(2);
    // Only links: the resident's words and name stay out of the staff and officer mails.
    for (const mail of told) {
      expect(mail.text).not.toContain("opgelost");
      expect(mail.text).not.toContain("Fatima");
    }
    const page = (await statusPage(cookie)) as { status: { stage: string; mayWithdraw: boolean }; withdrawn: boolean };
    expect(page.status).toMatchObject({ stage: "closed", mayWithdraw: false });

    const again = asData(await post({ withdrawConfirm: "ja", withdrawReason: "" }));
    expect(again.init?.status).toBe(409);
  });
});

describe("mail on a change that matters to the resident", () => {
  it("says what changed and what comes next, in the resident's language, and none for internal steps", async () => {
    clock = new Date("2026-12-04T09:00:00Z");
    const d = await createDossier(database.db, services.storage, {
      assigneeId: handler.id,
      locale: "en",
      complainant: { email: "ann@example.test", name: "Ann Smith" },
    });
    const scope = { ctx: contextFor(services), actor: handler, number: d.number };
    const updates = async () =>
      (
        await database.db
          .select({ to: mailOutbox.toAddress, subject: mailOutbox.subject, text: mailOutbox.textBody })
          .from(mailOutbox)
          .where(and(eq(mailOutbox.kind, "resident_update"), eq(mailOutbox.subjectId, d.id)))
          .orderBy(mailOutbox.id)
      ).map((m) => ({ ...m, text: m.text.replace(/\s+/g, " ") }));

    expect(await addNote(scope, { note: "Intern: eerst de gemeente bellen." })).toEqual({ ok: true });
    expect(await updates()).toEqual([]);

    expect(
      await recordContact(scope, { contactChannel: "phone", contactDate: "2026-12-04", contactSummary: "Gebeld" }),
    ).toEqual({ ok: true });
    let mails = await updates();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: "ann@example.test", subject: `News about your complaint ${d.number}` });
    expect(mails[0]!.text).toContain("Dear Ann Smith,");
    expect(mails[0]!.text).toContain("in contact with you on Friday 4 December 2026");
    expect(mails[0]!.text).toContain("http://localhost:3000/mijn-klacht");
    expect(mails[0]!.text).not.toContain("Gebeld");

    const status = (to: string, extra: Partial<{ outcome: string; finding: string; reason: string }> = {}) =>
      changeStatus(scope, { to, outcome: "", finding: "", reason: "", statusExplanation: "intern", ...extra });
    expect(await status("mediation")).toEqual({ ok: true });
    expect(await status("closed", { outcome: "resolved_after_intervention" })).toEqual({ ok: true });
    mails = await updates();
    expect(mails).toHaveLength(3);
    expect(mails[1]!.text).toContain("mediates between you and the municipality");
    expect(mails[2]!.text).toContain("We have closed your complaint.");
    expect(mails[2]!.text).toContain("solved your problem after the ombudsman stepped in");
    for (const m of mails) {
      expect(m.text).not.toContain("intern");
      // Each links to the status page with the number filled in, never to a sign-in link.
      expect(m.text).toContain(`/mijn-klacht?nummer=${d.number}`);
      expect(m.text).not.toContain("/mijn-klacht/link/");
    }

    // The handler reads each of them with its text on the dossier page.
    const { id } = await createSession(contextFor(services), handler.id, getRequest("/inloggen"));
    const staffPage = (await settle(() =>
      staffDossierLoader({
        request: getRequest(`/behandelaar/dossiers/${d.number}`, { cookie: `oma_session=${id}` }),
        context: contextFor(services),
        params: { number: d.number },
      }),
    )) as { residentMails: { subject: string; text: string }[] };
    expect(staffPage.residentMails.map((m) => m.subject)).toEqual(
      Array(3).fill(`News about your complaint ${d.number}`),
    );
    expect(staffPage.residentMails[0]!.text).toContain("We have closed your complaint.");
  });

  it("goes to a representative with only their own name, never the represented person's details", async () => {
    const d = await createDossier(database.db, services.storage, {
      assigneeId: handler.id,
      representative: { name: "Ria Vertegenwoordiger", email: "ria@example.test" },
      complainant: { name: "Karel Vertegenwoordigd", street: "Geheimstraat", postcode: "1011 AB" },
    });
    const scope = { ctx: contextFor(services), actor: handler, number: d.number };
    await recordContact(scope, { contactChannel: "email", contactDate: "2026-12-04", contactSummary: "Mail" });
    const [mail] = await database.db
      .select({ to: mailOutbox.toAddress, text: mailOutbox.textBody })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, "resident_update"), eq(mailOutbox.subjectId, d.id)));
    expect(mail!.to).toBe("ria@example.test");
    expect(mail!.text).toContain("Beste Ria Vertegenwoordiger,");
    for (const secret of ["Karel", "Geheimstraat", "1011 AB"]) expect(mail!.text).not.toContain(secret);
  });
});

describe("a document the handler gives the resident", () => {
  it("shows on the status page and downloads, is mailed about, never when ombudsman-only, and can be taken back", async () => {
    clock = new Date("2026-12-07T09:00:00Z");
    const d = await createDossier(database.db, services.storage, {
      assigneeId: handler.id,
      complainant: { email: "bevindingen@example.test" },
      attachments: [
        {
          category: "municipality_answer",
          fileName: "Antwoord gemeente.pdf",
          contentType: "application/pdf",
          body: PDF_BYTES,
        },
        {
          category: "evidence",
          fileName: "Bevindingen.pdf",
          contentType: "application/pdf",
          body: PDF_BYTES,
          addedBy: handler.id,
        },
        {
          category: "evidence",
          fileName: "Vertrouwelijk.pdf",
          contentType: "application/pdf",
          body: PDF_BYTES,
          addedBy: handler.id,
          visibility: "internal",
        },
      ],
    });
    const [own, findings, secret] = d.attachments;
    const scope = { ctx: contextFor(services), actor: handler, number: d.number };
    const cookie = await signedIn(d.number, "bevindingen@example.test", d.id);
    type Page = { dossier: { documents: { fileName: string }[]; given: { fileName: string }[] } };
    const page = async () => (await statusPage(cookie)) as Page;
    expect((await page()).dossier.given).toEqual([]);

    // Ombudsman-only stays with the ombudsman; the resident's own file is theirs already.
    expect(await shareWithResident(scope, { attachmentId: secret!.id, share: true })).toMatchObject({
      ok: false,
      issues: [{ code: "document-ombudsman-only" }],
    });
    expect(await shareWithResident(scope, { attachmentId: own!.id, share: true })).toMatchObject({
      ok: false,
      issues: [{ code: "document-gone" }],
    });
    expect(await shareWithResident(scope, { attachmentId: findings!.id, share: true })).toEqual({ ok: true });
    // Twice is once: one event, one mail.
    expect(await shareWithResident(scope, { attachmentId: findings!.id, share: true })).toEqual({ ok: true });
    const shown = await page();
    expect(shown.dossier.given.map((g) => g.fileName)).toEqual(["Bevindingen.pdf"]);
    expect(shown.dossier.documents.map((g) => g.fileName)).toEqual(["Antwoord gemeente.pdf"]);
    const mails = await database.db
      .select({ text: mailOutbox.textBody })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, "resident_update"), eq(mailOutbox.subjectId, d.id)));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Bevindingen.pdf");

    const download = (documentId: string) =>
      settle(() =>
        documentLoader({
          request: getRequest(`/mijn-klacht/documenten/${documentId}`, { cookie }),
          context: contextFor(services),
          params: { documentId },
        }),
      );
    const res = asResponse(await download(findings!.id));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain("Bevindingen.pdf");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(PDF_BYTES));
    expect(asResponse(await download(own!.id)).status).toBe(200);
    // Not the ombudsman-only one, not another dossier's: a 404, and the attempt is on record.
    const other = await createDossier(database.db, services.storage, {});
    for (const id of [secret!.id, other.attachments[0]!.id, "not-a-uuid"])
      expect(asResponse(await download(id)).status).toBe(404);
    const audited = await database.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, d.id));
    expect(audited.filter((a) => a.action === "dossier.attachment_downloaded")).toHaveLength(2);
    expect(audited.filter((a) => a.action === "resident.access_denied")).toHaveLength(3);

    // Taken back, or made ombudsman-only later, it is gone from the page and the download.
    expect(await shareWithResident(scope, { attachmentId: findings!.id, share: false })).toEqual({ ok: true });
    expect((await page()).dossier.given).toEqual([]);
    expect(asResponse(await download(findings!.id)).status).toBe(404);
    const events = await database.db
      .select({ type: dossierEvents.type })
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierId, d.id));
    expect(events.map((e) => e.type).filter((t) => t.includes("resident"))).toEqual([
      "document_given_to_resident",
      "document_taken_from_resident",
    ]);
  });
});

describe("a document added later", () => {
  it("goes through the upload pipeline onto the timeline as the resident's, and the handler is told", async () => {
    clock = new Date("2026-12-04T11:00:00Z");
    const d = await createDossier(database.db, services.storage, {
      assigneeId: handler.id,
      complainant: { email: "later@example.test" },
      attachments: [],
    });
    const cookie = await signedIn(d.number, "later@example.test", d.id);
    const upload = (name: string, body: Uint8Array | string, type: string) => {
      const form = new FormData();
      form.append("_csrf", contextFor(services).csrfToken);
      form.append("document", new File([typeof body === "string" ? body : new Uint8Array(body)], name, { type }));
      const request = new Request(new URL("/mijn-klacht/dossier", BASE_URL), {
        method: "POST",
        body: form,
        headers: { Cookie: getRequest("/", { cookie }).headers.get("Cookie") ?? "" },
      });
      return settle(() => dossierAction({ request, context: contextFor(services), params: {} }));
    };
    // A program dressed up as a PDF is refused with words, and nothing is kept.
    const refused = asData<{ errors: Record<string, string> }>(
      await upload("brief.pdf", "MZ\x90\x00 not a pdf", "application/pdf"),
    );
    expect(refused.init?.status).toBe(400);
    expect(Object.keys(refused.data.errors)).toEqual(["document"]);

    const added = asResponse(await upload("Brief van de gemeente.pdf", PDF_BYTES, "application/pdf"));
    expect(locationOf(added)).toBe("/mijn-klacht/dossier?toegevoegd=1#documenten");
    const rows = await database.db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, d.id));
    expect(rows.map((r) => ({ name: r.fileName, by: r.addedBy }))).toEqual([
      { name: "Brief van de gemeente.pdf", by: null },
    ]);
    const [event] = await database.db
      .select()
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, d.id), eq(dossierEvents.type, "document_added")));
    expect(event).toMatchObject({
      actorUserId: null,
      details: { by: "resident", fileName: "Brief van de gemeente.pdf" },
    });
    const page = (await statusPage(cookie)) as { dossier: { documents: { fileName: string }[] } };
    expect(page.dossier.documents.map((x) => x.fileName)).toEqual(["Brief van de gemeente.pdf"]);
    const told = await database.db
      .select({ to: mailOutbox.toAddress })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.subjectType, "dossier_attachment"), eq(mailOutbox.subjectId, rows[0]!.id)));
    expect(told).toHaveLength(1);

    // The queue marks it "new from the complainant" until a handler marks it as seen.
    const news = async () => {
      const result = await listQueue(database.db, {
        actor: handler,
        filter: parseQueueFilter(new URL(`http://localhost/behandelaar?weergave=resident_new&zoek=${d.number}`)),
        today: "2026-12-04",
      });
      return { rows: result!.rows.map((r) => [r.number, r.residentNews]), count: result!.counts.resident_new };
    };
    expect(await news()).toEqual({ rows: [[d.number, true]], count: 1 });
    const { id: sessionId } = await createSession(contextFor(services), handler.id, getRequest("/inloggen"));
    const staffCookie = `oma_session=${sessionId}`;
    const staffPage = (await settle(() =>
      staffDossierLoader({
        request: getRequest(`/behandelaar/dossiers/${d.number}`, { cookie: staffCookie }),
        context: contextFor(services),
        params: { number: d.number },
      }),
    )) as { dossier: { residentNewsAt: Date | null } };
    expect(staffPage.dossier.residentNewsAt).toEqual(clock);
    const markSeen = async () =>
      locationOf(
        asResponse(
          await settle(() =>
            staffDossierAction({
              request: postForm(
                `/behandelaar/dossiers/${d.number}`,
                services,
                { intent: "mark_news_seen" },
                {
                  cookie: staffCookie,
                },
              ),
              context: contextFor(services),
              params: { number: d.number },
            }),
          ),
        ),
      );
    expect(await markSeen()).toBe(`/behandelaar/dossiers/${d.number}?gedaan=mark_news_seen#inhoud`);
    expect(await news()).toEqual({ rows: [], count: 0 });
    // Twice is the same as once: one event, which keeps when the news came.
    expect(await markSeen()).toBe(`/behandelaar/dossiers/${d.number}?gedaan=mark_news_seen#inhoud`);
    const seen = await database.db
      .select({ details: dossierEvents.details, actor: dossierEvents.actorUserId })
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, d.id), eq(dossierEvents.type, "resident_news_seen")));
    expect(seen).toEqual([{ details: { since: clock.toISOString() }, actor: handler.id }]);

    // Closed, the dossier takes no more.
    await database.db.update(dossiers).set({ status: "closed" }).where(eq(dossiers.id, d.id));
    const late = asData(await upload("nog een.pdf", PDF_BYTES, "application/pdf"));
    expect(late.init?.status).toBe(400);
    expect(
      await database.db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, d.id)),
    ).toHaveLength(1);
  });
});

async function residentViews(number: string, today: string) {
  const rows = async (view: string) => {
    const result = await listQueue(database.db, {
      actor: handler,
      filter: parseQueueFilter(new URL(`http://localhost/behandelaar?weergave=${view}&zoek=${number}`)),
      today,
    });
    return { numbers: result!.rows.map((r) => r.number), counts: result!.counts };
  };
  const waiting = await rows("resident");
  return { waiting: waiting.numbers, late: (await rows("resident_overdue")).numbers, counts: waiting.counts };
}

describe("a question from the handler", () => {
  it("has its own term past the holidays, is answered on the status page, ends its pause and is reminded once", async () => {
    clock = new Date("2026-12-18T10:00:00Z"); // a Friday: two weeks later is New Year's Day
    const d = await createDossier(database.db, services.storage, {
      submittedAt: new Date("2026-12-10T09:00:00Z"),
      assigneeId: handler.id,
      complainant: { email: "vraag@example.test", name: "Vera Vraag" },
    });
    const scope = { ctx: contextFor(services), actor: handler, number: d.number };
    const question = "Welke datum staat op de brief van de gemeente?";
    expect(await askResident(scope, { questions: question, termWeeks: 2, pause: { explanation: "Wacht" } })).toEqual({
      ok: true,
    });
    // One open question at a time.
    expect(await askResident(scope, { questions: "Nog een", termWeeks: 2, pause: null })).toMatchObject({
      ok: false,
      issues: [{ code: "question-open" }],
    });
    const [row] = await database.db.select().from(residentQuestions).where(eq(residentQuestions.dossierId, d.id));
    expect(row).toMatchObject({ dueOn: "2027-01-04", nominalDueOn: "2027-01-01", status: "open" });
    expect(row!.skippedDays.map((x) => x.day)).toEqual(["2027-01-01", "2027-01-02", "2027-01-03"]);
    const [mail] = await database.db
      .select({ to: mailOutbox.toAddress, text: mailOutbox.textBody })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, "resident_update"), eq(mailOutbox.subjectId, d.id)));
    expect(mail!.to).toBe("vraag@example.test");
    expect(mail!.text).toContain(question);
    expect(mail!.text).toContain("maandag 4 januari 2027");

    // The reminder goes once, a few working days before the due date, whatever runs at once.
    expect(await sendQuestionReminders(services, new Date("2026-12-24T08:00:00Z"), questionReminderMail)).toBe(0);
    const [first, second] = await Promise.all([
      sendQuestionReminders(services, new Date("2026-12-29T08:00:00Z"), questionReminderMail),
      sendQuestionReminders(services, new Date("2026-12-29T08:00:00Z"), questionReminderMail),
    ]);
    expect(first + second).toBe(1);
    expect(await sendQuestionReminders(services, new Date("2026-12-30T08:00:00Z"), questionReminderMail)).toBe(0);

    // The queue shows the dossier as waiting for the resident, and late once the term passed.
    expect(await residentViews(d.number, "2027-01-04")).toEqual({
      waiting: [d.number],
      late: [],
      counts: expect.objectContaining({ resident: 1, resident_overdue: 0 }),
    });
    expect((await residentViews(d.number, "2027-01-05")).late).toEqual([d.number]);

    // The resident answers on the status page.
    clock = new Date("2026-12-30T10:00:00Z");
    const cookie = await signedIn(d.number, "vraag@example.test", d.id);
    const page = (await statusPage(cookie)) as { questions: { id: string; status: string }[] };
    expect(page.questions.map((q) => q.status)).toEqual(["open"]);
    const post = (fields: Record<string, string>) =>
      settle(() =>
        dossierAction({
          request: postForm("/mijn-klacht/dossier", services, { intent: "answer_question", ...fields }, { cookie }),
          context: contextFor(services),
          params: {},
        }),
      );
    const empty = asData<{ errors: Record<string, string> }>(await post({ questionId: row!.id, questionAnswer: " " }));
    expect(empty.init?.status).toBe(400);
    expect(Object.keys(empty.data.errors)).toEqual(["questionAnswer"]);
    const done = asResponse(await post({ questionId: row!.id, questionAnswer: "De brief is van 3 november." }));
    expect(locationOf(done)).toBe("/mijn-klacht/dossier?beantwoord=1#inhoud");
    const [answered] = await database.db.select().from(residentQuestions).where(eq(residentQuestions.id, row!.id));
    expect(answered).toMatchObject({ status: "answered", answeredOn: "2026-12-30", registeredBy: null });
    const [pause] = await database.db.select().from(dossierPauses).where(eq(dossierPauses.dossierId, d.id));
    expect(pause).toMatchObject({ reason: "waiting_for_resident", startedOn: "2026-12-18", endedOn: "2026-12-30" });
    const [event] = await database.db
      .select()
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, d.id), eq(dossierEvents.type, "question_answered")));
    expect(event!.details).toMatchObject({ onTime: true, by: "resident" });
    const again = asData(await post({ questionId: row!.id, questionAnswer: "Nog eens" }));
    expect(again.init?.status).toBe(409);
    // Answered, the dossier no longer waits for the resident, and the answer is new for the handler.
    expect((await residentViews(d.number, "2027-01-05")).counts).toMatchObject({
      resident: 0,
      resident_overdue: 0,
      resident_new: 1,
    });
  });

  it("for a resident without e-mail goes by post, and the handler records the answer", async () => {
    clock = new Date("2026-12-18T10:00:00Z");
    const d = await createDossier(database.db, services.storage, {
      assigneeId: handler.id,
      complainant: { email: null, phone: "06 11111111", preferredChannel: "phone" },
    });
    const scope = { ctx: contextFor(services), actor: handler, number: d.number };
    await askResident(scope, { questions: "Heeft u de brief nog?", termWeeks: 2, pause: null });
    const mails = await database.db.select().from(mailOutbox).where(eq(mailOutbox.subjectId, d.id));
    expect(mails.filter((m) => m.kind === "resident_update")).toEqual([]);
    const [sent] = await database.db
      .select()
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, d.id), eq(dossierEvents.type, "question_sent")));
    expect(sent!.details).toMatchObject({ channel: "post" });
    const [row] = await database.db.select().from(residentQuestions).where(eq(residentQuestions.dossierId, d.id));
    expect(await registerAnswer(scope, { questionId: row!.id, answerText: "Ja, per post ontvangen." })).toEqual({
      ok: true,
    });
    const [answered] = await database.db.select().from(residentQuestions).where(eq(residentQuestions.id, row!.id));
    expect(answered).toMatchObject({ status: "answered", registeredBy: handler.id });
  });
});
