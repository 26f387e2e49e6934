import net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { AddressObject, ParsedMail } from "mailparser";
import { enqueueMail, type OutboxMailInput } from "#app/mail/outbox.server";
import { createSmtpTransport, type MailTransport } from "#app/mail/transport.server";
import { deliverDueMail, startMailWorker, type DeliverOptions } from "#app/mail/worker.server";
import { mailOutbox } from "#db/schema/mail";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { startScriptProcess } from "#test/support/script-process";
import { startSmtpSink, type SmtpSink } from "#test/support/smtp-sink";

const FROM = "Ombudsman Metropool Amsterdam <noreply@ombudsman.localhost>";

let database: TestDatabase;
let sink: SmtpSink;

beforeAll(async () => {
  [database, sink] = await Promise.all([
    createTestDatabase(),
    startSmtpSink({ rejectRecipient: (address) => address.startsWith("nobody@") }),
  ]);
});
afterAll(async () => {
  await sink?.stop();
  await database?.destroy();
});
beforeEach(async () => {
  await database.db.delete(mailOutbox);
  sink.messages.length = 0;
});

function smtpTo(port: number): MailTransport {
  return createSmtpTransport({ host: "127.0.0.1", port, secure: false });
}

function options(overrides: Partial<DeliverOptions> = {}): DeliverOptions {
  return {
    db: database.db,
    transport: smtpTo(sink.port),
    from: FROM,
    workerId: "worker-1",
    maxAttempts: 3,
    backoff: () => 0,
    ...overrides,
  };
}

function message(overrides: Partial<OutboxMailInput> = {}): OutboxMailInput {
  return {
    to: "resident@example.test",
    subject: "Uw klacht is ontvangen",
    text: "We hebben uw klacht ontvangen. U hoort binnen 14 dagen van ons.",
    locale: "nl",
    kind: "intake_confirmation",
    ...overrides,
  };
}

async function row(id: number) {
  const [found] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  if (!found) throw new Error(`outbox row ${id} not found`);
  return found;
}

async function isInFuture(id: number): Promise<boolean> {
  const [r] = await database.query<{ future: boolean }>(
    "select next_attempt_at > now() as future from mail_outbox where id = $1",
    [id],
  );
  return r?.future === true;
}

function recipients(mail: ParsedMail): string[] {
  const to: AddressObject[] = mail.to === undefined ? [] : Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((a) => a.value.map((v) => v.address ?? ""));
}

function countByMessageId(mails: ParsedMail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of mails) counts.set(m.messageId ?? "", (counts.get(m.messageId ?? "") ?? 0) + 1);
  return counts;
}

async function freePortWithNothingListening(): Promise<number> {
  const probe = await startSmtpSink();
  await probe.stop();
  return probe.port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("mail outbox", () => {
  it("delivers an enqueued message with recipient, subject, bodies and a stable Message-ID", async () => {
    const withHtml = await enqueueMail(
      database.db,
      message({
        html: "<p>We hebben uw klacht <strong>ontvangen</strong>.</p>",
        subjectType: "dossier",
        subjectId: "OMA-2026-00001",
      }),
    );
    const plain = await enqueueMail(
      database.db,
      message({ to: "gemachtigde@example.test", subject: "Received", locale: "en" }),
    );

    expect(await deliverDueMail(options())).toEqual({ sent: 2, failed: 0, retried: 0 });

    const mails = await sink.waitFor(2);
    const withMessageId = (id: number) => {
      const found = mails.find((m) => m.messageId === `<outbox-${id}@ombudsman.localhost>`);
      if (!found) throw new Error(`no mail with the Message-ID of outbox ${id}`);
      return found;
    };
    const rich = withMessageId(withHtml.id);
    expect(recipients(rich)).toEqual(["resident@example.test"]);
    expect(rich.subject).toBe("Uw klacht is ontvangen");
    expect(rich.text?.trim()).toBe("We hebben uw klacht ontvangen. U hoort binnen 14 dagen van ons.");
    expect(rich.html).toContain("<strong>ontvangen</strong>");
    expect(rich.from?.value[0]?.address).toBe("noreply@ombudsman.localhost");
    const text = withMessageId(plain.id);
    expect(recipients(text)).toEqual(["gemachtigde@example.test"]);
    expect(text.subject).toBe("Received");
    expect(text.html).toBe(false);

    const sent = await row(withHtml.id);
    expect(sent.status).toBe("sent");
    expect(sent.attempts).toBe(1);
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect((await row(plain.id)).status).toBe("sent");

    expect(await deliverDueMail(options())).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(sink.messages).toHaveLength(2);
  });

  it("keeps a message pending while the SMTP server is down and delivers it once when it is back", async () => {
    const port = await freePortWithNothingListening();
    const down = options({ transport: smtpTo(port), backoff: () => 400, maxAttempts: 5 });
    const { id } = await enqueueMail(database.db, message());

    expect(await deliverDueMail(down)).toEqual({ sent: 0, failed: 0, retried: 1 });
    let pending = await row(id);
    expect(pending.status).toBe("pending");
    expect(pending.attempts).toBe(1);
    expect(pending.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(await isInFuture(id)).toBe(true);

    // Not due yet: an immediate pass leaves it alone and spends no attempt.
    expect(await deliverDueMail(down)).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect((await row(id)).attempts).toBe(1);

    await sleep(450);
    expect(await deliverDueMail(down)).toEqual({ sent: 0, failed: 0, retried: 1 });
    pending = await row(id);
    expect(pending.status).toBe("pending");
    expect(pending.attempts).toBe(2);

    const back = await startSmtpSink({ port });
    try {
      await sleep(450);
      expect(await deliverDueMail(down)).toEqual({ sent: 1, failed: 0, retried: 0 });
      expect(await deliverDueMail(down)).toEqual({ sent: 0, failed: 0, retried: 0 });
      const [mail] = await back.waitFor(1);
      expect(mail?.messageId).toBe(`<outbox-${id}@ombudsman.localhost>`);
      expect(back.messages).toHaveLength(1);
      const sent = await row(id);
      expect(sent.status).toBe("sent");
      expect(sent.attempts).toBe(3);
    } finally {
      await back.stop();
    }
  });

  it("marks a message failed after maxAttempts failures and does not try it again", async () => {
    const down = options({ transport: smtpTo(await freePortWithNothingListening()), maxAttempts: 3 });
    const { id } = await enqueueMail(database.db, message());

    expect(await deliverDueMail(down)).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect(await deliverDueMail(down)).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect(await deliverDueMail(down)).toEqual({ sent: 0, failed: 1, retried: 0 });
    const failed = await row(id);
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBe(3);
    expect(failed.lastError).toBeTruthy();

    // Even with a working server the failed message stays failed.
    expect(await deliverDueMail(options())).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(sink.messages).toHaveLength(0);
    expect((await row(id)).status).toBe("failed");
  });

  it("marks a message failed at once when the server refuses the recipient for good", async () => {
    const { id } = await enqueueMail(database.db, message({ to: "nobody@example.test" }));
    expect(await deliverDueMail(options({ maxAttempts: 8 }))).toEqual({ sent: 0, failed: 1, retried: 0 });
    const failed = await row(id);
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/550|mailbox unavailable/);
  });

  it("takes over a message whose worker's lease has expired", async () => {
    const { id } = await enqueueMail(database.db, message());
    // A worker that claimed the message and then hung past its lease.
    await database.query(
      "update mail_outbox set status = 'sending', locked_by = 'hung-worker', attempts = 1, locked_until = now() - interval '1 second' where id = $1",
      [id],
    );

    expect(await deliverDueMail(options({ workerId: "worker-2" }))).toEqual({ sent: 1, failed: 0, retried: 0 });
    const sent = await row(id);
    expect(sent.status).toBe("sent");
    expect(sent.attempts).toBe(2);
    expect(sent.lockedBy).toBe("worker-2");
    expect(sink.messages.map((m) => m.messageId)).toEqual([`<outbox-${id}@ombudsman.localhost>`]);
  });

  it("does not let a worker whose lease expired undo the claim of the worker that took over", async () => {
    // A server that accepts connections and never greets: a send hangs until we cut it.
    const sockets: net.Socket[] = [];
    const hung = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
    const toHung = smtpTo((hung.address() as net.AddressInfo).port);
    try {
      const { id } = await enqueueMail(database.db, message());
      const stalled = deliverDueMail(options({ workerId: "worker-stalled", transport: toHung, leaseMs: 300 }));
      await expect.poll(() => sockets.length, { interval: 20 }).toBe(1);
      await sleep(350);
      const successor = deliverDueMail(options({ workerId: "worker-successor", transport: toHung }));
      await expect.poll(() => sockets.length, { interval: 20 }).toBe(2);

      sockets[0]?.destroy();
      // Its failure is not recorded: the message belongs to the successor now.
      expect(await stalled).toEqual({ sent: 0, failed: 0, retried: 0 });
      const taken = await row(id);
      expect(taken.status).toBe("sending");
      expect(taken.lockedBy).toBe("worker-successor");
      expect(await deliverDueMail(options({ workerId: "worker-3" }))).toEqual({ sent: 0, failed: 0, retried: 0 });
      expect(sink.messages).toHaveLength(0);

      sockets[1]?.destroy();
      expect(await successor).toEqual({ sent: 0, failed: 0, retried: 1 });
      expect(await deliverDueMail(options({ workerId: "worker-3" }))).toEqual({ sent: 1, failed: 0, retried: 0 });
      expect(sink.messages.map((m) => m.messageId)).toEqual([`<outbox-${id}@ombudsman.localhost>`]);
      expect((await row(id)).attempts).toBe(3);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hung.close(resolve));
    }
  });

  it("lets two workers in one process deliver 50 messages, each exactly once", async () => {
    const ids = await database.db.transaction(async (tx) => {
      const out: number[] = [];
      for (let i = 0; i < 50; i++) out.push((await enqueueMail(tx, message({ subject: `Bericht ${i}` }))).id);
      return out;
    });

    const drain = async (workerId: string) => {
      let sent = 0;
      for (;;) {
        const pass = await deliverDueMail(options({ workerId, batchSize: 5 }));
        if (pass.sent + pass.failed + pass.retried === 0) return sent;
        sent += pass.sent;
      }
    };
    const [a, b] = await Promise.all([drain("worker-a"), drain("worker-b")]);

    expect(a + b).toBe(50);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const mails = await sink.waitFor(50);
    const counts = countByMessageId(mails);
    expect([...counts.keys()].sort()).toEqual(ids.map((id) => `<outbox-${id}@ombudsman.localhost>`).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const rows = await database.db.select({ status: mailOutbox.status }).from(mailOutbox);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
  });

  it("sends nothing for a message enqueued in a transaction that rolls back", async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueMail(tx, message({ subject: "Rolled back" }));
        throw new Error("saving the dossier failed");
      }),
    ).rejects.toThrow("saving the dossier failed");
    await database.db.transaction(async (tx) => {
      await enqueueMail(tx, message({ subject: "Committed" }));
    });

    expect(await deliverDueMail(options())).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(sink.messages.map((m) => m.subject)).toEqual(["Committed"]);
    const rows = await database.db.select({ subject: mailOutbox.subject }).from(mailOutbox);
    expect(rows.map((r) => r.subject)).toEqual(["Committed"]);
  });

  it("runs as a worker that delivers right after wake() and finishes its pass on stop()", async () => {
    const smtp = smtpTo(sink.port);
    // A slow server, so stop() is called while a message is being sent.
    const slow: MailTransport = { send: async (m) => (await sleep(300), smtp.send(m)) };
    const worker = startMailWorker({ ...options({ transport: slow }), intervalMs: 60_000 });
    try {
      // Well past the first pass, the next poll is a minute away: only wake() can deliver this.
      await sleep(200);
      const first = await enqueueMail(database.db, message({ subject: "Na wake" }));
      worker.wake();
      const [mail] = await sink.waitFor(1, 5000);
      expect(mail?.subject).toBe("Na wake");
      await expect.poll(async () => (await row(first.id)).status).toBe("sent");

      const second = await enqueueMail(database.db, message({ subject: "Tijdens stop" }));
      worker.wake();
      await expect.poll(async () => (await row(second.id)).status, { interval: 20 }).toBe("sending");
      await worker.stop();
      expect((await row(second.id)).status).toBe("sent");
      expect(sink.messages.map((m) => m.subject)).toEqual(["Na wake", "Tijdens stop"]);
    } finally {
      await worker.stop();
    }
  });
});

describe.runIf(Boolean(process.env.DATABASE_URL))("mail outbox with worker processes on PostgreSQL", () => {
  it("delivers 200 messages from two worker processes, each exactly once", async () => {
    const url = database.url;
    if (!url) throw new Error("the PostgreSQL test database has no URL");
    const ids = await database.db.transaction(async (tx) => {
      const out: number[] = [];
      for (let i = 0; i < 200; i++) {
        out.push((await enqueueMail(tx, message({ to: `resident${i}@example.test`, subject: `Bericht ${i}` }))).id);
      }
      return out;
    });

    const workers = ["process-a", "process-b"].map((workerId) =>
      startScriptProcess("outbox-worker-process.ts", [
        "--database-url",
        url,
        "--smtp-port",
        String(sink.port),
        "--worker-id",
        workerId,
        "--batch-size",
        "5",
        "--wait-for-go",
      ]),
    );
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const results = await Promise.all(workers.map((w) => w.done));

    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const totals = results.map((r) => JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as { sent: number });
    expect(totals.reduce((sum, t) => sum + t.sent, 0)).toBe(200);
    // Both processes really competed for the same rows.
    for (const t of totals) expect(t.sent).toBeGreaterThan(0);

    // Both processes have exited, so every send they made has been answered by the sink.
    expect(sink.messages).toHaveLength(200);
    const counts = countByMessageId(sink.messages);
    expect([...counts.keys()].sort()).toEqual(ids.map((id) => `<outbox-${id}@ombudsman.localhost>`).sort());
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    const rows = await database.db.select({ status: mailOutbox.status }).from(mailOutbox);
    expect(rows.filter((r) => r.status !== "sent")).toEqual([]);
  }, 40_000);
});
