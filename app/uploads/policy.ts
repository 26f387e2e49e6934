import { stripBidiControls } from "#app/utils/text";
import { SNIFF_TYPES } from "./sniff";

/**
 * What the ombudsman accepts as a file, in one place: the types (the same table the byte
 * sniffer decides by), the browser's accept attribute, and how a name is cleaned before it is
 * shown or stored. Pure, so the browser bundle may use it too.
 */

export type AllowedType = { readonly contentType: string; readonly extensions: readonly string[] };

export const ALLOWED_TYPES: readonly AllowedType[] = Object.values(SNIFF_TYPES);

export const ACCEPT_ATTRIBUTE = ALLOWED_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(",");

/** The type a file's name says it is, if it is one we accept; browsers often send octet-stream for .msg or .heic. */
export function allowedTypeFor(fileName: string): string | null {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  return ALLOWED_TYPES.find((t) => t.extensions.includes(ext))?.contentType ?? null;
}

/**
 * A file name safe to show and store: no path, no control characters, no bidirectional
 * overrides (which make "factuur\u202Efdp.exe" read as "factuurexe.pdf"), at most 200 characters.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // Control characters and the characters Windows refuses in a file name become "_".
  // eslint-disable-next-line no-control-regex
  const unsafe = /[\u0000-\u001f\u007f-\u009f"<>|*?:]/g;
  const cleaned = stripBidiControls(base).replace(unsafe, "_").trim();
  return (cleaned || "bestand").slice(-200);
}

/** Why a file was not taken; the caller's catalogue turns a code into words. */
export type UploadRefusalCode =
  "bad_type" | "empty" | "too_large" | "total_too_large" | "too_many" | "infected" | "scan_failed" | "storage_failed";
