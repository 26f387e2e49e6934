/**
 * The SMTP sink as its own process, for the end-to-end tests: the app delivers its mail to it as
 * to any SMTP server, and the tests read what arrived over HTTP (Playwright starts it as a web
 * server next to the app). Usage: SMTP_SINK_PORT=2525 npx tsx test/support/smtp-sink-cli.ts
 *   SMTP on SMTP_SINK_PORT; GET http://127.0.0.1:<port + 1>/messages?to=<address> lists what
 *   arrived for that address, oldest first, as { to, subject, text }.
 */
import http from "node:http";
import type { AddressObject } from "mailparser";
import { startSmtpSink } from "./smtp-sink";

const port = Number(process.env.SMTP_SINK_PORT ?? 2525);
const sink = await startSmtpSink({ port });

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((a) => a.value)
    .map((v) => (v.address ?? "").toLowerCase());

const server = http
  .createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/messages") return res.end("ok");
    const to = (url.searchParams.get("to") ?? "").toLowerCase();
    const list = sink.messages
      .map((m) => ({ to: addresses(m.to), subject: m.subject ?? "", text: m.text ?? "" }))
      .filter((m) => !to || m.to.includes(to));
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(list));
  })
  .listen(port + 1, "127.0.0.1");
process.stdout.write(`SMTP sink on 127.0.0.1:${port}, messages on http://127.0.0.1:${port + 1}/messages\n`);

const stop = async () => {
  server.close();
  await sink.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
