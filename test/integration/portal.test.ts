import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import type { CaseworkActor, CommandScope } from "#app/dossiers/casework/command.server";
import { setVisibility } from "#app/dossiers/casework/document.server";
import { shareDossier } from "#app/dossiers/casework/share.server";
import { loader as listLoader } from "#app/routes/gemeente._index";
import { loader as dossierLoader } from "#app/routes/gemeente.dossiers.$number";
import { loader as documentLoader } from "#app/routes/gemeente.dossiers.$number.documenten.$documentId";
import { listSharedDossiers } from "#app/portal/dossiers.server";
import { auditEvents, dossiers } from "#db/schema/index";
import { createDossier, createUser } from "#test/support/factories";
import { contextFor, createTestServices, getRequest, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { asResponse, PDF_BYTES } from "#test/support/intake";

/**
 * The municipality portal's pages through their loaders: an officer reads what was shared with
 * their own municipality and nothing else; every other URL is the same audited 404.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let handler: CaseworkActor;
type Signed = { id: string; cookie: string };
let amsterdam: Signed;
let zaanstad: Signed;

async function officer(municipalityId: string): Promise<Signed> {
  const user = await createUser(database.db, { role: "municipality_officer", municipalityId });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { id: user.id, cookie: `oma_session=${id}` };
}

const mail = (o: { name: string }, link: string) => ({ subject: "Gedeeld", text: `${o.name}: ${link}` });
const scopeOf = (number: string): CommandScope => ({ ctx: contextFor(services), actor: handler, number });

const list = (who: Signed, query = "") =>
  settle(() =>
    listLoader({
      request: getRequest(`/gemeente${query}`, { cookie: who.cookie }),
      context: contextFor(services),
      params: {},
    }),
  );
type Listed = { dossiers: { number: string; status: string }[]; total: number; pages: number };
const page = (who: Signed, number: string) =>
  settle(() =>
    dossierLoader({
      request: getRequest(`/gemeente/dossiers/${number}`, { cookie: who.cookie }),
      context: contextFor(services),
      params: { number },
    }),
  );
const download = (who: Signed, number: string, documentId: string) =>
  settle(() =>
    documentLoader({
      request: getRequest(`/gemeente/dossiers/${number}/documenten/${documentId}`, { cookie: who.cookie }),
      context: contextFor(services),
      params: { number, documentId },
    }),
  );

async function denials(userId: string) {
  return database.db
    .select({ details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, "dossier.access_denied")));
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => new Date("2026-04-25T10:00:00Z") });
  const h = await createUser(database.db, { role: "case_handler", name: "Sanne de Behandelaar" });
  handler = { id: h.id, role: h.role, name: h.name };
  amsterdam = await officer("amsterdam");
  zaanstad = await officer("zaanstad");
});

afterAll(async () => {
  await database.destroy();
});

describe("the municipality portal", () => {
  it("lists and shows a shared dossier with exactly its shared documents, to its own municipality only", async () => {
    const d = await createDossier(database.db, services.storage, {
      municipalityId: "amsterdam",
      submittedAt: new Date("2026-04-20T09:30:00Z"),
      attachments: [
        { category: "evidence", fileName: "brief.pdf", contentType: "application/pdf", body: PDF_BYTES },
        { category: "evidence", fileName: "notitie.pdf", contentType: "application/pdf", body: PDF_BYTES },
        {
          category: "evidence",
          fileName: "medisch.pdf",
          contentType: "application/pdf",
          body: PDF_BYTES,
          visibility: "internal",
        },
      ],
    });
    const [shared, notShared, internal] = d.attachments;
    // Before the first share the dossier does not exist for the municipality.
    expect(asResponse(await page(amsterdam, d.number)).status).toBe(404);
    expect((await list(amsterdam)) as { dossiers: unknown[] }).toMatchObject({ dossiers: [] });

    expect(await shareDossier(scopeOf(d.number), { attachmentIds: [shared!.id] }, mail)).toEqual({ ok: true });
    const listed = (await list(amsterdam)) as { dossiers: { number: string }[] };
    expect(listed.dossiers.map((x) => x.number)).toEqual([d.number]);
    const view = (await page(amsterdam, d.number)) as {
      dossier: { complaintText: string };
      documents: { id: string; fileName: string }[];
      shares: { documents: number }[];
      timeline: { type: string }[];
    };
    expect(view.documents.map((x) => x.fileName)).toEqual(["brief.pdf"]);
    expect(view.shares.map((s) => s.documents)).toEqual([1]);
    expect(view.timeline.map((e) => e.type)).toEqual(["submitted", "shared"]);
    expect(view).not.toHaveProperty("dossier.id");

    const file = asResponse(await download(amsterdam, d.number, shared!.id));
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array(PDF_BYTES));
    expect(asResponse(await download(amsterdam, d.number, notShared!.id)).status).toBe(404);
    expect(asResponse(await download(amsterdam, d.number, internal!.id)).status).toBe(404);

    // Zaanstad: every URL of the dossier is a 404, and each attempt is in the audit log.
    expect(((await list(zaanstad)) as { dossiers: unknown[] }).dossiers).toEqual([]);
    expect(asResponse(await page(zaanstad, d.number)).status).toBe(404);
    expect(asResponse(await download(zaanstad, d.number, shared!.id)).status).toBe(404);
    expect((await denials(zaanstad.id)).map((r) => (r.details as { route: string }).route)).toEqual([
      "portal.dossier",
      "portal.document",
    ]);

    // Made ombudsman-only after the share: no longer downloadable by the municipality.
    expect(
      await setVisibility(scopeOf(d.number), {
        attachmentId: shared!.id,
        visibility: "internal",
        visibilityReason: "De gemeente vroeg het stuk niet te delen.",
      }),
    ).toEqual({
      ok: true,
    });
    expect(asResponse(await download(amsterdam, d.number, shared!.id)).status).toBe(404);
    expect(((await page(amsterdam, d.number)) as { documents: unknown[] }).documents).toEqual([]);
  });

  it("is not for staff", async () => {
    const staff = await createUser(database.db, { role: "case_handler" });
    const { id } = await createSession(contextFor(services), staff.id, getRequest("/inloggen"));
    expect(asResponse(await list({ id: staff.id, cookie: `oma_session=${id}` })).status).toBe(403);
  });

  it("finds a closed dossier again by its number or by the state, a page at a time", async () => {
    const made = [];
    for (let i = 0; i < 3; i++) {
      const d = await createDossier(database.db, services.storage, { municipalityId: "amsterdam", attachments: [] });
      expect(await shareDossier(scopeOf(d.number), { attachmentIds: [] }, mail)).toEqual({ ok: true });
      made.push(d);
    }
    const [first, second, third] = made as [(typeof made)[0], (typeof made)[0], (typeof made)[0]];
    await database.db.update(dossiers).set({ status: "closed" }).where(eq(dossiers.id, second.id));

    const numbers = (l: Listed) => l.dossiers.map((d) => d.number);
    const closed = (await list(amsterdam, "?stand=afgesloten")) as Listed;
    expect(numbers(closed)).toContain(second.number);
    expect(closed.dossiers.every((d) => d.status === "closed")).toBe(true);
    const running = (await list(amsterdam, "?stand=lopend")) as Listed;
    expect(numbers(running)).toEqual(expect.arrayContaining([first.number, third.number]));
    expect(numbers(running)).not.toContain(second.number);
    // By its number, whole or in part (lower case too), the closed one is there.
    expect(numbers((await list(amsterdam, `?zoek=${second.number.toLowerCase()}`)) as Listed)).toEqual([second.number]);
    const tail = second.number.slice(-5);
    expect(numbers((await list(amsterdam, `?zoek=${tail}&stand=afgesloten`)) as Listed)).toEqual([second.number]);
    expect(numbers((await list(amsterdam, `?zoek=${tail}&stand=lopend`)) as Listed)).toEqual([]);
    // Another municipality finds nothing by that number.
    expect((await list(zaanstad, `?zoek=${second.number}`)) as Listed).toMatchObject({ dossiers: [], total: 0 });

    // A page at a time: every shared dossier once, in the list's order, over the pages.
    const all = (await list(amsterdam)) as Listed;
    const actor = { id: amsterdam.id, role: "municipality_officer" as const, municipalityId: "amsterdam" };
    const paged: string[] = [];
    for (let pagina = 1; pagina <= Math.ceil(all.total / 2); pagina++) {
      const page = await listSharedDossiers(database.db, actor, { zoek: null, stand: "alle", pagina }, 2);
      expect(page.pages).toBe(Math.ceil(all.total / 2));
      paged.push(...page.rows.map((r) => r.number));
    }
    expect(paged).toEqual(numbers(all));
    // A page past the end shows the last one, not an empty list.
    const beyond = await listSharedDossiers(database.db, actor, { zoek: null, stand: "alle", pagina: 99 }, 2);
    expect(beyond.pagina).toBe(Math.ceil(all.total / 2));
    expect(beyond.rows.length).toBeGreaterThan(0);
  });
});
