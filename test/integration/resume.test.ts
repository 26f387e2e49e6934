import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDraft } from "#app/intake/drafts.server";
import { action as laterAction, loader as laterLoader } from "#app/routes/klacht.later-verder";
import { action as linkAction, loader as linkLoader } from "#app/routes/klacht.verder.$token";
import { draftAttachments, mailOutbox } from "#db/schema/index";
import { contextFor, cookieFrom, createTestServices, getRequest, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { asData, asResponse, locationOf, seedDraft } from "#test/support/intake";

/**
 * Resuming a complaint on another device (issue 13, part 1): a one-time link by mail moves the
 * draft, files included, to the browser that uses it; the first browser's cookie no longer reaches
 * it; a used or expired link says so and offers a new one, without telling whether an address has
 * a draft.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let clock = new Date("2026-12-04T10:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => clock });
});

afterAll(async () => {
  await database.destroy();
});

const tokenIn = (text: string) => /\/klacht\/verder\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "";

async function resumeMails(draftId: string) {
  return database.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.kind, "draft_resume"), eq(mailOutbox.subjectId, draftId)));
}

const draftOf = (cookie: string | undefined) =>
  getDraft(getRequest("/klacht", { cookie }), services).then((d) => d?.id ?? null);

const postLink = (token: string, fields: Record<string, string>, cookie?: string) =>
  settle(() =>
    linkAction({
      request: postForm(`/klacht/verder/${token}`, services, fields, { cookie }),
      context: contextFor(services),
      params: { token },
    }),
  );

describe("a link without asking", () => {
  it("goes out once the form knows the resident's address: once per address, not on every save", async () => {
    clock = new Date("2026-12-04T10:00:00Z");
    const browser = await seedDraft(services, { today: "2026-12-04" });
    const draftId = (await draftOf(browser.cookie))!;
    expect(await resumeMails(draftId)).toHaveLength(0);
    const contact = (email: string) =>
      browser.answer("contact", {
        name: "Fatima el Amrani",
        street: "Javastraat",
        houseNumber: "12",
        postcode: "1094 HC",
        city: "Amsterdam",
        email,
        phone: "",
        preferredChannel: "email",
      });
    expect(asResponse(await contact("fatima@example.test")).status).toBe(302);
    expect(asResponse(await contact("fatima@example.test")).status).toBe(302);
    let mails = await resumeMails(draftId);
    expect(mails.map((m) => m.toAddress)).toEqual(["fatima@example.test"]);
    expect(mails[0]!.subject).toBe("Verder met uw klacht bij de Ombudsman Metropool Amsterdam");
    // The link in it works like an asked-for one.
    const token = tokenIn(mails[0]!.textBody);
    expect(
      await settle(() =>
        linkLoader({
          request: getRequest(`/klacht/verder/${token}`),
          context: contextFor(services),
          params: { token },
        }),
      ),
    ).toEqual({ state: "valid" });
    // A corrected address gets its own link; going back to the first sends nothing again.
    await contact("f.elamrani@example.test");
    await contact("fatima@example.test");
    mails = await resumeMails(draftId);
    expect(mails.map((m) => m.toAddress)).toEqual(["fatima@example.test", "f.elamrani@example.test"]);
  });
});

describe("resuming on another device", () => {
  it("moves the draft with its files to the second browser once; the first browser's cookie stops", async () => {
    const first = await seedDraft(services, { today: "2026-12-04" });
    const draftId = (await draftOf(first.cookie))!;
    expect(draftId).toBeTruthy();
    const page = (await first.get("/klacht/later-verder", laterLoader)) as { email: string };
    expect(page.email).toContain("@");

    const sent = asResponse(
      await settle(() =>
        laterAction({
          request: postForm("/klacht/later-verder", services, { email: page.email }, { cookie: first.cookie }),
          context: contextFor(services),
          params: {},
        }),
      ),
    );
    expect(locationOf(sent)).toBe("/klacht/later-verder?verstuurd=1#inhoud");
    const [mail] = await resumeMails(draftId);
    expect(mail!.toAddress).toBe(page.email);
    const token = tokenIn(mail!.textBody);

    // Opening the link only looks; the button moves the draft.
    const look = await settle(() =>
      linkLoader({ request: getRequest(`/klacht/verder/${token}`), context: contextFor(services), params: { token } }),
    );
    expect(look).toEqual({ state: "valid" });
    const moved = asResponse(await postLink(token, {}));
    expect(locationOf(moved)).toBe("/klacht");
    const second = cookieFrom(moved, "oma_klacht")!;
    expect(await draftOf(second)).toBe(draftId);
    expect(await draftOf(first.cookie)).toBeNull();
    // The files came along (they belong to the draft, whichever browser holds it).
    const files = await database.db.select().from(draftAttachments).where(eq(draftAttachments.draftId, draftId));
    expect(files).toHaveLength(1);

    // A second use says so, and offers a new link by address: the same answer for any address.
    expect(asData<{ state: string }>(await postLink(token, {})).data.state).toBe("used");
    const again = asData<{ state: string }>(await postLink(token, { intent: "again", email: page.email }));
    const stranger = asData<{ state: string }>(
      await postLink(token, { intent: "again", email: "niemand@example.test" }),
    );
    expect(again.data).toEqual(stranger.data);
    expect(again.data.state).toBe("again");
    const mails = await resumeMails(draftId);
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => m.toAddress)).toEqual([page.email, page.email]);
    const fresh = tokenIn(mails[1]!.textBody);
    const movedBack = asResponse(await postLink(fresh, {}));
    expect(await draftOf(cookieFrom(movedBack, "oma_klacht"))).toBe(draftId);
    expect(await draftOf(second)).toBeNull();

    // A bad address is a message on the page.
    const bad = asData<{ errors: Record<string, string> }>(
      await postLink(token, { intent: "again", email: "geen adres" }),
    );
    expect(bad.init?.status).toBe(400);
    expect(Object.keys(bad.data.errors)).toEqual(["email"]);
  });

  it("says when a link has expired with its draft, or is unknown", async () => {
    clock = new Date("2026-12-04T10:00:00Z");
    const browser = await seedDraft(services, { today: "2026-12-04" });
    const draftId = (await draftOf(browser.cookie))!;
    await settle(() =>
      laterAction({
        request: postForm(
          "/klacht/later-verder",
          services,
          { email: "later@example.test" },
          { cookie: browser.cookie },
        ),
        context: contextFor(services),
        params: {},
      }),
    );
    const token = tokenIn((await resumeMails(draftId))[0]!.textBody);
    clock = new Date("2027-03-01T10:00:00Z"); // past the draft's lifetime
    expect(asData<{ state: string }>(await postLink(token, {})).data.state).toBe("expired");
    expect(asData<{ state: string }>(await postLink("x".repeat(43), {})).data.state).toBe("unknown");
  });
});
