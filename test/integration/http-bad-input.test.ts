import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { DEMO_ACCOUNTS } from "#app/seed.server";
import {
  Browser,
  buildApp,
  multipart,
  send,
  startBuiltApp,
  type BuiltApp,
  type SendOptions,
  type Sent,
} from "../support/built-app";
import { caseDates, COMPLAINT_TEXT, dateFields, PDF_BYTES, RESIDENT } from "../support/intake";

/**
 * Issue 10, point 5: bad input answers 4xx, never 500. Every class of bad input against the real
 * HTTP server (the built app in its own process), because the limits live in the HTTP layer:
 * bodies too large (declared and chunked, forms, the upload API, multipart uploads, the local
 * upload transfer), control characters in fields, queries, paths and cookies, bodies of the
 * wrong type, malformed multipart, bidirectional overrides in file names, and headers sent twice.
 */

const MB = 1024 * 1024;
const KB = 1024;
const caseHandler = DEMO_ACCOUNTS.find((a) => a.role === "case_handler")!;

let app: BuiltApp;
/** A resident at the attachments step of a live draft. */
let resident: Browser;
/** A signed-in case handler. */
let staff: Browser;
/** The dossier the first resident's complaint became. */
let dossierPath: string;

async function expectStatus(res: Sent | Promise<Sent>, status: number): Promise<Sent> {
  const r = await res;
  expect(r.status, r.body.slice(0, 600)).toBe(status);
  return r;
}

/** Fills in the complaint form up to the attachments step, as a browser without JavaScript does. */
async function residentAtAttachments(): Promise<Browser> {
  const browser = new Browser(app);
  await expectStatus(browser.get("/klacht/gemeente"), 200);
  const d = caseDates({ today: amsterdamDateOf(new Date()) });
  const steps: [string, Record<string, string>][] = [
    ["/klacht/gemeente", { municipalityId: "amsterdam" }],
    ["/klacht/onderwerp", { topic: "conduct" }],
    ["/klacht/rechter", { courtCase: "no" }],
    ["/klacht/eerst-geklaagd", { complainedFirst: "yes" }],
    ["/klacht/ontvangen", dateFields(d.receivedOn)],
    ["/klacht/antwoord", { answerStatus: "answered" }],
    ["/klacht/antwoorddatum", dateFields(d.answeredOn!)],
    ["/klacht/uitkomst", {}],
    ["/klacht/voor-wie", { forWhom: "self" }],
    ["/klacht/gegevens", RESIDENT],
    [
      "/klacht/uw-klacht",
      {
        text: COMPLAINT_TEXT,
        place: "Telefonisch",
        people: "",
        desiredOutcome: "Antwoord.",
        ...dateFields(d.incidentDate),
      },
    ],
  ];
  for (const [path, fields] of steps) {
    const res = await browser.postForm(path, fields);
    expect(res.status, `${path}: ${res.body.slice(0, 300)}`).toBe(302);
  }
  await expectStatus(browser.get("/klacht/bijlagen"), 200);
  return browser;
}

function uploadStepPost(
  browser: Browser,
  files: { field: string; name: string; type: string; body: Buffer | string }[],
  intent = "upload",
): Promise<Sent> {
  const form = multipart([
    { name: "_csrf", value: browser.csrfToken },
    { name: "intent", value: intent },
    ...files.map((f) => ({ name: f.field, filename: f.name, type: f.type, body: f.body })),
  ]);
  return browser.send({ path: "/klacht/bijlagen", body: form.body, headers: { "Content-Type": form.contentType } });
}

beforeAll(async () => {
  buildApp();
  // Small upload limits, so that bodies over them stay cheap to send.
  app = await startBuiltApp({ UPLOAD_MAX_FILE_MB: "1", UPLOAD_MAX_TOTAL_MB: "2" });

  const first = await residentAtAttachments();
  await expectStatus(
    uploadStepPost(
      first,
      [{ field: "municipality_answer", name: "Antwoord gemeente.pdf", type: "application/pdf", body: PDF_BYTES }],
      "continue",
    ),
    302,
  );
  await expectStatus(first.postForm("/klacht/controleren", { consent: "ja" }), 302);
  const sent = await expectStatus(first.get("/klacht/verzonden"), 200);
  const number = /OMA-\d{4}-\d{5}/.exec(sent.body)?.[0];
  expect(number).toBeDefined();
  dossierPath = `/behandelaar/dossiers/${number}`;

  resident = await residentAtAttachments();

  staff = new Browser(app);
  await expectStatus(staff.get("/inloggen"), 200);
  const signedIn = await expectStatus(
    staff.postForm("/inloggen", { email: caseHandler.email, password: caseHandler.password }),
    302,
  );
  expect(signedIn.headers.location).toBe("/behandelaar");
  await expectStatus(staff.get(dossierPath), 200);
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

let warmedUp = false;

/**
 * Samples the server's RSS while a request runs; returns the request's answer and the largest
 * growth in MB. Discarding a body still makes Node allocate a buffer per socket read, which V8
 * frees at its next collection, triggered after about 64 MB of them; so the first large body a
 * fresh process drains raises its RSS once by that much, memory it then reuses for every later
 * one. One such body is sent first, so that what is measured is what a body costs: a server
 * that held it would grow by its size on every request.
 */
async function withRss(run: () => Promise<Sent>): Promise<{ res: Sent; growthMb: number }> {
  if (!warmedUp) {
    warmedUp = true;
    await expectStatus(
      send(app, {
        path: "/inloggen",
        body: hugeForm,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
      413,
    );
  }
  // Let the server settle first (PGlite's heap and V8 shrink for a while after start-up).
  let before = app.rssKb();
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const now = app.rssKb();
    if (Math.abs(now - before) < 512) break;
    before = now;
  }
  const baseline = app.rssKb();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, app.rssKb())), 10);
  try {
    const res = await run();
    peak = Math.max(peak, app.rssKb());
    return { res, growthMb: (peak - baseline) / 1024 };
  } finally {
    clearInterval(timer);
  }
}

type Row = {
  name: string;
  request: () => (SendOptions & { as?: Browser }) | Promise<SendOptions & { as?: Browser }>;
  status: number;
  /** Telling bits of the answer's body. */
  body?: (string | RegExp)[];
  /** What else the row must show: headers, bytes sent, a page read afterwards. */
  then?: (res: Sent) => void | Promise<void>;
  /** Largest RSS growth of the server allowed while the request runs. */
  rssMb?: number;
};

const TOO_LARGE_PAGE = ["Te veel gegevens verstuurd", "Too much data sent"];
const UNSUPPORTED_PAGE = ["Deze gegevens kunnen we niet verwerken", "We cannot process this data"];
const BAD_REQUEST_PAGE = ["Dit verzoek kunnen we niet lezen", "We cannot read this request"];
const hugeForm = { size: 400 * MB, prefix: Buffer.from("email=x&password=") };
// A server that read the body would grow by at least its size (a 100 MB one measured 233 MB). Discarding it
// costs socket read buffers that V8 frees at its next collection: a bounded amount whatever the body's size,
// measured at 40-80 MB for 100 and 300 MB bodies on PostgreSQL (where the process starts small, so V8's
// limits are reached later than with PGlite's heap). The bound is a third of the body: it tells a server that
// discards from one that holds, without depending on when V8 collects.
const DISCARDED_BODY_RSS_MB = 128;

const rows: Row[] = [
  // --- bodies over their route kind's limit: 413 with a message, the client reads it while still sending ---
  {
    name: "a 400 MB urlencoded sign-in with a declared length is refused without being read",
    request: () => ({
      path: "/inloggen",
      body: hugeForm,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
    status: 413,
    body: [...TOO_LARGE_PAGE, "64 KB"],
    rssMb: DISCARDED_BODY_RSS_MB,
    then: (res) => expect(res.bytesSent).toBe(res.bodySize),
  },
  {
    name: "a 400 MB chunked urlencoded step is cut at 64 KB with a 413 page",
    request: () => ({
      as: resident,
      path: "/klacht/uw-klacht",
      body: hugeForm,
      chunked: true,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
    status: 413,
    body: [...TOO_LARGE_PAGE, "64 KB"],
    rssMb: DISCARDED_BODY_RSS_MB,
    then: (res) => expect(res.bytesSent).toBe(res.bodySize),
  },
  {
    name: "a client that asks first (Expect: 100-continue) is refused before it sends the body",
    request: () => ({
      path: "/inloggen",
      body: hugeForm,
      expectContinue: true,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
    status: 413,
    body: TOO_LARGE_PAGE,
    then: (res) => expect(res.bytesSent).toBe(0),
  },
  {
    name: "a back-office form may be larger than a resident's: a 100 KB note gets its field error, a 300 KB one a 413",
    request: () => ({
      as: staff,
      path: dossierPath,
      body: new URLSearchParams({ _csrf: staff.csrfToken, intent: "add_note", note: "x".repeat(100 * KB) }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
    status: 400,
    body: ["Gebruik hoogstens 5000 tekens"],
    then: async () => {
      const res = await staff.send({
        path: dossierPath,
        body: new URLSearchParams({
          _csrf: staff.csrfToken,
          intent: "add_note",
          note: "x".repeat(300 * KB),
        }).toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
      expect(res.status).toBe(413);
      expect(res.body).toContain("256 KB");
    },
  },
  {
    name: "the upload API refuses a JSON body over 16 KB with { error } in the resident's words",
    request: () => ({
      as: resident,
      path: "/klacht/upload/aanmelden",
      body: JSON.stringify({ category: "evidence", name: "x".repeat(20 * KB), size: 10, type: "" }),
      headers: { "Content-Type": "application/json", "X-CSRF-Token": resident.csrfToken },
    }),
    status: 413,
    body: ['"error":"Het verzoek is groter dan de 16 KB die hier kan.'],
    then: (res) => expect(res.headers["content-type"]).toMatch(/^application\/json/),
  },
  {
    name: "a chunked staff document over the file limit is cut with a 413 page the client reads",
    request: () => {
      const form = multipart([
        { name: "_csrf", value: staff.csrfToken },
        { name: "documentCategory", value: "evidence" },
        { name: "documentVisibility", value: "internal" },
        { name: "file", filename: "groot.pdf", type: "application/pdf", body: "%PDF-1.4\n" },
      ]);
      return {
        as: staff,
        path: dossierPath,
        chunked: true,
        body: { size: 3 * MB, prefix: form.head(3), suffix: form.tail },
        headers: { "Content-Type": form.contentType },
      };
    },
    status: 413,
    body: TOO_LARGE_PAGE,
    then: (res) => expect(res.bytesSent).toBe(res.bodySize),
  },
  {
    name: "a chunked no-JavaScript upload over what a draft may hold is cut with a 413 page",
    request: () => {
      const form = multipart([
        { name: "_csrf", value: resident.csrfToken },
        { name: "intent", value: "upload" },
        { name: "evidence", filename: "groot.txt", type: "text/plain", body: "notitie " },
      ]);
      return {
        as: resident,
        path: "/klacht/bijlagen",
        chunked: true,
        body: { size: 4 * MB, prefix: form.head(2), suffix: form.tail },
        headers: { "Content-Type": form.contentType },
      };
    },
    status: 413,
    body: TOO_LARGE_PAGE,
  },
  // The local upload transfer keeps its own per-file limit: a chunked PUT is cut there, with the route's words.
  {
    name: "a chunked upload transfer over the file limit gets the route's 413 { error }, not a reset",
    request: () => ({
      as: resident,
      method: "PUT",
      path: uploadEndpoint,
      chunked: true,
      body: { size: 3 * MB, fill: "b" },
      headers: { "Content-Type": "text/plain", "X-CSRF-Token": resident.csrfToken },
    }),
    status: 413,
    body: ['"error":"Het bestand notitie.txt is groter dan 1 MB."'],
    then: (res) => expect(res.bytesSent).toBe(res.bodySize),
  },

  // --- control characters: removed, wherever text comes in ---
  {
    name: "NUL and other control characters in a form field are removed (the sign-in still succeeds)",
    request: async () => {
      const guest = new Browser(app);
      await guest.get("/inloggen");
      const email = caseHandler.email.replace("@", "\u0000\u0007@\u009b");
      return {
        as: guest,
        path: "/inloggen",
        body: new URLSearchParams({ _csrf: guest.csrfToken, email, password: caseHandler.password }).toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      };
    },
    status: 302,
    then: (res) => expect(res.headers.location).toBe("/behandelaar"),
  },
  {
    name: "a NUL in a resident's text field is removed before it is saved and shown",
    request: () => ({
      as: resident,
      path: "/klacht/gegevens",
      body: new URLSearchParams({
        _csrf: resident.csrfToken,
        ...RESIDENT,
        name: "Fatima\u0000 el\u007f Amrani",
      }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
    status: 302,
    then: async () => {
      const page = await resident.get("/klacht/gegevens");
      expect(page.body).toContain('value="Fatima el Amrani"');
    },
  },
  {
    name: "a NUL in the back office's search query is removed",
    request: () => ({ as: staff, method: "GET", path: "/behandelaar?zoek=Fat%00ima" }),
    status: 200,
    body: ['value="Fatima"'],
  },
  {
    name: "a NUL in an address is refused with 400",
    request: () => ({ as: staff, method: "GET", path: "/behandelaar/dossiers/OMA%00-2026" }),
    status: 400,
    body: BAD_REQUEST_PAGE,
  },
  {
    name: "a NUL in a cookie is removed (no session, so the sign-in page)",
    request: () => ({ method: "GET", path: "/behandelaar", headers: { Cookie: "oma_session=%00abc; oma_klacht=%00" } }),
    status: 302,
    then: (res) => expect(res.headers.location).toMatch(/^\/inloggen/),
  },
  {
    name: "a NUL in a multipart field is removed (the form's token still matches)",
    request: () => {
      const form = multipart([
        { name: "_csrf", value: `${resident.csrfToken}\u0000` },
        { name: "intent", value: "up\u0000load" },
      ]);
      return { as: resident, path: "/klacht/bijlagen", body: form.body, headers: { "Content-Type": form.contentType } };
    },
    status: 302,
    then: (res) => expect(res.headers.location).toMatch(/^\/klacht\/bijlagen\?toegevoegd=0/),
  },
  {
    name: "a NUL in the upload API's JSON is removed",
    request: () => ({
      as: resident,
      path: "/klacht/upload/aanmelden",
      body: JSON.stringify({ category: "evid\u0000ence", name: "notitie\u0000.txt", size: 100, type: "text/plain" }),
      headers: { "Content-Type": "application/json", "X-CSRF-Token": resident.csrfToken },
    }),
    status: 200,
    body: ['"transport":"local"'],
  },

  // --- bodies of a type the route does not take: 415 ---
  {
    name: "JSON posted to a page's form is refused with 415",
    request: () => ({
      path: "/inloggen",
      body: JSON.stringify({ email: "a@b.nl" }),
      headers: { "Content-Type": "application/json" },
    }),
    status: 415,
    body: UNSUPPORTED_PAGE,
  },
  {
    name: "text/plain posted to a resident's step is refused with 415",
    request: () => ({
      as: resident,
      path: "/klacht/gemeente",
      body: "municipalityId=amsterdam",
      headers: { "Content-Type": "text/plain" },
    }),
    status: 415,
    body: UNSUPPORTED_PAGE,
  },
  {
    name: "multipart posted where no upload is taken is refused with 415",
    request: () => {
      const form = multipart([{ name: "email", value: "a@b.nl" }]);
      return { path: "/inloggen", body: form.body, headers: { "Content-Type": form.contentType } };
    },
    status: 415,
    body: UNSUPPORTED_PAGE,
  },
  {
    name: "a form post to the upload API is refused with a 415 { error }",
    request: () => ({
      as: resident,
      path: "/klacht/upload/aanmelden",
      body: "category=evidence",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": resident.csrfToken },
    }),
    status: 415,
    body: ['"error":"Dit verzoek heeft niet de vorm die hier kan.'],
  },

  // --- malformed multipart: 400 ---
  {
    name: "a staff document whose part has no Content-Disposition is a 400",
    request: () => {
      const body = `--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${staff.csrfToken}\r\n--b\r\nbroken header line\r\n\r\nx\r\n--b--\r\n`;
      return { as: staff, path: dossierPath, body, headers: { "Content-Type": "multipart/form-data; boundary=b" } };
    },
    status: 400,
    body: BAD_REQUEST_PAGE,
  },
  {
    name: "an upload post cut off in the middle of a file is a 400",
    request: () => {
      const form = multipart([
        { name: "_csrf", value: resident.csrfToken },
        { name: "evidence", filename: "half.txt", type: "text/plain", body: "half a file" },
      ]);
      return {
        as: resident,
        path: "/klacht/bijlagen",
        body: form.head(1),
        headers: { "Content-Type": form.contentType },
      };
    },
    status: 400,
    body: BAD_REQUEST_PAGE,
  },
  {
    name: "a multipart post without a boundary is a 400",
    request: () => ({
      as: resident,
      path: "/klacht/bijlagen",
      body: "--x\r\n\r\n",
      headers: { "Content-Type": "multipart/form-data" },
    }),
    status: 400,
    body: BAD_REQUEST_PAGE,
  },

  // --- bidirectional overrides in file names ---
  {
    name: "bidi overrides leave a resident's file name before it is stored and shown",
    request: () => {
      const form = multipart([
        { name: "_csrf", value: resident.csrfToken },
        { name: "intent", value: "upload" },
        {
          name: "evidence",
          filename: "rekening\u202Efdp.txt",
          type: "text/plain",
          body: "Telefoonnotitie van 3 maart.",
        },
      ]);
      return { as: resident, path: "/klacht/bijlagen", body: form.body, headers: { "Content-Type": form.contentType } };
    },
    status: 302,
    then: async () => {
      const page = await resident.get("/klacht/bijlagen");
      expect(page.body).toContain("rekeningfdp.txt");
      expect(page.body).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    },
  },
  {
    name: "bidi isolates leave a staff document's name on the dossier page and in its download",
    request: () => {
      const form = multipart([
        { name: "_csrf", value: staff.csrfToken },
        { name: "documentCategory", value: "evidence" },
        { name: "documentVisibility", value: "internal" },
        { name: "file", filename: "brief\u2067fdp.exe\u2069.pdf", type: "application/pdf", body: PDF_BYTES },
      ]);
      return { as: staff, path: dossierPath, body: form.body, headers: { "Content-Type": form.contentType } };
    },
    status: 302,
    then: async () => {
      const page = await staff.get(dossierPath);
      expect(page.body).toContain("brieffdp.exe.pdf");
      expect(page.body).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      const link = new RegExp(`href="(${dossierPath}/bijlagen/[0-9a-f-]+)"[^>]*>brieffdp\\.exe\\.pdf`).exec(
        page.body,
      )?.[1];
      expect(link).toBeDefined();
      const download = await expectStatus(staff.get(link!), 200);
      expect(download.headers["content-disposition"]).toContain("brieffdp.exe.pdf");
      downloadPath = link!;
    },
  },
];

let uploadEndpoint = "";
let downloadPath = "";

describe("bad input against the real HTTP server", () => {
  beforeAll(async () => {
    const registered = await resident.send({
      path: "/klacht/upload/aanmelden",
      body: JSON.stringify({ category: "evidence", name: "notitie.txt", size: 500 * KB, type: "text/plain" }),
      headers: { "Content-Type": "application/json", "X-CSRF-Token": resident.csrfToken },
    });
    expect(registered.status, registered.body).toBe(200);
    uploadEndpoint = (JSON.parse(registered.body) as { endpoint: string }).endpoint;
  });

  for (const row of rows) {
    it(row.name, async () => {
      const { as, ...options } = await row.request();
      const run = () => (as ? as.send(options) : send(app, options));
      const { res, growthMb } = row.rssMb ? await withRss(run) : { res: await run(), growthMb: 0 };
      expect(res.status, res.body.slice(0, 600)).toBe(row.status);
      for (const bit of row.body ?? []) {
        if (typeof bit === "string") expect(res.body).toContain(bit);
        else expect(res.body).toMatch(bit);
      }
      if (row.rssMb) expect(growthMb, "RSS growth (MB) while the body arrived").toBeLessThan(row.rssMb);
      await row.then?.(res);
    });
  }

  it("logged no error while answering all of this: nothing was a 500", () => {
    expect(app.loggedErrors()).toEqual([]);
  });

  it("sends no header twice, and nosniff everywhere: pages, refusals, static files, downloads, the upload API", async () => {
    const answers = {
      page: await staff.get(dossierPath),
      refusal: await send(app, { path: "/inloggen", body: "{}", headers: { "Content-Type": "application/json" } }),
      static: await send(app, { method: "GET", path: "/favicon.svg" }),
      build: await send(app, {
        method: "GET",
        path: /href="(\/build\/[^"]+\.css)"/.exec((await staff.get("/")).body)![1]!,
      }),
      download: await staff.get(downloadPath),
      uploadApi: await resident.send({
        path: "/klacht/upload/aanmelden",
        body: JSON.stringify({ category: "evidence", name: "x.exe", size: 10, type: "" }),
        headers: { "Content-Type": "application/json", "X-CSRF-Token": resident.csrfToken },
      }),
    };
    expect(answers.download.status).toBe(200);
    expect(answers.uploadApi.status).toBe(415);
    for (const [what, res] of Object.entries(answers)) {
      const names = res.headerNames.map((n) => n.toLowerCase()).filter((n) => n !== "set-cookie");
      const twice = names.filter((n, i) => names.indexOf(n) !== i);
      expect(twice, `${what}: ${names.join(", ")}`).toEqual([]);
      expect(res.headers["x-content-type-options"], what).toBe("nosniff");
    }
  });
});
