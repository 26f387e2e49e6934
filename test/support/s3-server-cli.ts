/**
 * The S3-compatible server as its own process, for the end-to-end tests of direct browser
 * uploads (Playwright starts it as a web server next to the app).
 * Usage (bundled first, because tsx cannot load one of s3rver's dependencies):
 *   npm run s3:serve        (S3_TEST_PORT=4569 S3_TEST_BUCKET=oma-e2e by default)
 * Settings come from the environment: s3rver reads the command line itself.
 */
import http from "node:http";
import { startS3Server } from "./s3-server";

const port = Number(process.env.S3_TEST_PORT ?? 4569);
const server = await startS3Server({ port, bucket: process.env.S3_TEST_BUCKET ?? "oma-e2e", allowedOrigins: ["*"] });
// A readiness URL for Playwright's webServer check (s3rver itself answers 403 on /).
const ready = http.createServer((_req, res) => res.end("ok")).listen(port + 1, "127.0.0.1");
process.stdout.write(`s3rver ready on ${server.endpoint}, bucket ${server.bucket}\n`);

const stop = async () => {
  ready.close();
  await server.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
