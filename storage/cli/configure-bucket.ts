/**
 * `npx tsx storage/cli/configure-bucket.ts [--origin https://klacht.example.nl]…`: creates the
 * configured bucket when missing and allows browser uploads from the given origins (default:
 * PUBLIC_URL). Kept apart from the function so that importing it never runs the script.
 */
import { parseArgs } from "node:util";
import { getEnv } from "#app/config/env.server";
import { configureBucket } from "#storage/configure-bucket";
import { createS3Client } from "#storage/s3";

const { values } = parseArgs({ options: { origin: { type: "string", multiple: true } } });
const env = getEnv();
if (env.storage.driver !== "s3") {
  process.stderr.write("STORAGE_DRIVER is not s3: there is no bucket to configure\n");
  process.exit(1);
}
const allowedOrigins = values.origin?.length ? values.origin : [env.publicUrl];
const client = createS3Client(env.storage);
try {
  const { created, lifecycle } = await configureBucket(client, env.storage.bucket, { allowedOrigins });
  process.stdout.write(
    `Bucket ${env.storage.bucket} ${created ? "created" : "already existed"}; browser uploads allowed from ${allowedOrigins.join(", ")}` +
      (lifecycle
        ? "; unfinished multipart uploads expire after a day\n"
        : "; this server refused the lifecycle rule: clean up unfinished uploads another way\n"),
  );
} finally {
  client.destroy();
}
