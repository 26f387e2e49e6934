import { unstable_parseMultipartFormData } from "@remix-run/node";
import { BodyTooLargeError, isBodyTooLarge } from "#app/http/body.server";
import { refusalError } from "#app/http/refusal.server";
import { stripControlChars } from "./text";

/** A body the multipart parser could not read: cut short, without boundary, with broken part headers. */
export class MalformedMultipartError extends Error {
  constructor(cause: unknown) {
    super("malformed multipart body", { cause });
    this.name = "MalformedMultipartError";
  }
}

/**
 * Whether an error (or what caused it) is about the request body itself: cut at its limit or
 * unreadable. Upload code rethrows these instead of logging them as storage failures.
 */
export function isRequestBodyError(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof MalformedMultipartError || isBodyTooLarge(e)) return true;
  }
  return false;
}

export type MultipartFile = { name: string; filename: string; contentType: string; data: AsyncIterable<Uint8Array> };

/**
 * Reads a multipart post part by part, in the order sent: each text field whole (at most
 * `maxFieldChars`, control characters removed as from every other text, see app/utils/text.ts)
 * for `onField`, each file as a stream for `onFile`, which must read its data to the end.
 * An unreadable body is a 400, a field over its limit or a body cut at the HTTP layer's limit
 * a 413.
 */
export async function readMultipart(
  request: Request,
  handlers: {
    maxFieldChars: number;
    onField(name: string, value: string): void;
    onFile(file: MultipartFile): Promise<void>;
  },
): Promise<void> {
  let failure: { err: unknown } | null = null;
  try {
    await unstable_parseMultipartFormData(request, async ({ name, filename, contentType, data }) => {
      try {
        if (filename === undefined)
          handlers.onField(stripControlChars(name), await readField(request, data, handlers.maxFieldChars));
        else await handlers.onFile({ name: stripControlChars(name), filename, contentType, data: guarded(data) });
      } catch (err) {
        failure = { err };
        throw err;
      }
      return undefined;
    });
  } catch (thrown) {
    const err = failure ? (failure as { err: unknown }).err : thrown;
    if (err instanceof Response) throw err;
    // Cut at the HTTP layer's limit: an expected refusal, not an error for the logs.
    for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
      if (e instanceof BodyTooLargeError)
        throw refusalError(request, "too_large", `the body is larger than ${e.limit} bytes`, e.limit);
    }
    // Without a handler failure the parser itself gave up (no boundary, broken part headers).
    if (!failure || isRequestBodyError(err)) {
      throw refusalError(request, "bad_request", "the multipart body could not be read");
    }
    throw err;
  }
}

async function readField(request: Request, data: AsyncIterable<Uint8Array>, maxChars: number): Promise<string> {
  const decoder = new TextDecoder();
  let value = "";
  for await (const chunk of guarded(data)) {
    value += decoder.decode(chunk, { stream: true });
    if (value.length > maxChars) throw refusalError(request, "too_large", "a form field is too long");
  }
  return stripControlChars(value + decoder.decode());
}

/**
 * The part's data with the parser's errors marked as body errors. Only `next`, no `return`:
 * a reader that stops early must not close the parser's stream of parts.
 */
function guarded(data: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const source = data[Symbol.asyncIterator]();
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    try {
      return await source.next();
    } catch (err) {
      throw isBodyTooLarge(err) ? err : new MalformedMultipartError(err);
    }
  };
  return { [Symbol.asyncIterator]: () => ({ next }) };
}
