/**
 * The S3-compatible server as its own process, for the end-to-end tests of direct browser
 * uploads (Playwright starts it as a web server next to the app).
 * Usage: npx tsx test/support/s3-server-cli.ts --port 4569 --bucket oma-e2e
 */
import http from "node:http";
import { startS3Server } from "./s3-server";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

const port = Number(arg("port", "4569"));
const server = await startS3Server({ port, bucket: arg("bucket", "oma-e2e"), allowedOrigins: ["*"] });
// A readiness URL for Playwright's webServer check (s3rver itself answers 403 on /).
const ready = http.createServer((_req, res) => res.end("ok")).listen(port + 1, "127.0.0.1");
console.log(`s3rver ready on ${server.endpoint}, bucket ${server.bucket}`);

const stop = async () => {
  ready.close();
  await server.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
