/**
 * What the app does with characters nobody types: control characters are removed from every
 * piece of text that comes in (query strings, form bodies, multipart fields, the upload API's
 * JSON, cookies), and bidirectional overrides from file names. PostgreSQL refuses NUL in text,
 * and the others only ever arrive by accident (a paste from a word processor) or on purpose.
 */

// C0 except tab, LF and CR; DEL; C1.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

// LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI: they reorder what follows, so that
// "factuur\u202Efdp.exe" reads as "factuurexe.pdf".
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function hasControlChars(value: string): boolean {
  return HAS_CONTROL_CHARS.test(value);
}

export function stripControlChars(value: string): string {
  return hasControlChars(value) ? value.replace(CONTROL_CHARS, "") : value;
}

/** Every string in a parsed JSON value without control characters; other values as they are. */
export function stripControlCharsDeep(value: unknown): unknown {
  if (typeof value === "string") return stripControlChars(value);
  if (Array.isArray(value)) return value.map(stripControlCharsDeep);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [stripControlChars(k), stripControlCharsDeep(v)]));
  }
  return value;
}

export function stripBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, "");
}

/** A stored file name as it may be shown: names stored before these rules lose their overrides here. */
export function displayFileName(name: string): string {
  return stripBidiControls(stripControlChars(name));
}

/**
 * An urlencoded string (a query or a form body) with control characters removed from names and
 * values; the input itself when it has none, so that ordinary requests pass unchanged.
 */
export function stripControlCharsFromUrlencoded(encoded: string): string {
  const params = new URLSearchParams(encoded);
  let dirty = false;
  for (const [name, value] of params) {
    if (hasControlChars(name) || hasControlChars(value)) {
      dirty = true;
      break;
    }
  }
  if (!dirty) return encoded;
  const cleaned = new URLSearchParams();
  for (const [name, value] of params) cleaned.append(stripControlChars(name), stripControlChars(value));
  return cleaned.toString();
}
