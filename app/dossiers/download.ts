/**
 * What a staff download may tell the browser about a resident's upload. The file name and the
 * content type came from the resident's browser, so neither is trusted: a type that a browser
 * could render as a document (HTML, SVG, XML) would run in our origin, and a name can carry
 * paths, quotes or line breaks into a response header.
 */

const OCTET_STREAM = "application/octet-stream";

/** Types a browser will not execute as a page of our site; anything else is served as plain bytes. */
const SAFE_CONTENT_TYPES = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/heic",
  "image/heif",
  "image/tiff",
  "text/plain",
  "text/csv",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "message/rfc822",
  "application/vnd.ms-outlook",
]);

const ALIASES: Record<string, string> = { "image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg" };

/** A saved file with one of these extensions opens in a browser as a page, whatever type we sent. */
const ACTIVE_EXTENSIONS = new Set([
  "html",
  "htm",
  "xhtml",
  "xht",
  "shtml",
  "mht",
  "mhtml",
  "svg",
  "svgz",
  "xml",
  "xsl",
  "xslt",
  "js",
  "mjs",
  "hta",
]);

export const MAX_FILE_NAME_LENGTH = 100;
const FALLBACK_NAME = "bijlage";

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

/** The Content-Type for a download: the stored type when it is on the safe list, otherwise octet-stream. */
export function downloadContentType(storedType: string, fileName: string): string {
  const essence = (storedType.split(";")[0] ?? "").trim().toLowerCase();
  const type = ALIASES[essence] ?? essence;
  if (!SAFE_CONTENT_TYPES.has(type)) return OCTET_STREAM;
  if (ACTIVE_EXTENSIONS.has(extensionOf(safeFileName(fileName)))) return OCTET_STREAM;
  return type;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Cc: control characters incl. CR/LF; Cf: invisible format characters such as the right-to-left
// override that makes "factuur\u202Efdp.exe" look like a PDF.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * The uploaded name without folders, control characters or quotes, at most
 * MAX_FILE_NAME_LENGTH characters with the extension kept; "bijlage" when nothing is left.
 */
export function safeFileName(fileName: string): string {
  const cleaned = fileName.replace(LONE_SURROGATE, "").normalize("NFC");
  // Old browsers sent the whole client path ("C:\fakepath\brief.pdf"); only the last part is a name.
  const base =
    cleaned
      .split(/[\\/]/)
      .filter((part) => part.length > 0)
      .pop() ?? "";
  const name = base
    .replace(INVISIBLE, "")
    .replace(/["']/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+/, "")
    .replace(/[\s.]+$/, "");
  if (name === "") return FALLBACK_NAME;
  const chars = [...name];
  if (chars.length <= MAX_FILE_NAME_LENGTH) return name;
  const ext = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? "";
  const stem = [...name.slice(0, name.length - ext.length)];
  return (
    stem
      .slice(0, MAX_FILE_NAME_LENGTH - ext.length)
      .join("")
      .trimEnd() + ext
  );
}

/** The name for browsers that ignore filename*: accents dropped, anything else outside printable ASCII as "_". */
function asciiFallback(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      // '%' too: some browsers percent-decode the plain filename parameter.
      .replace(/[^\x20-\x7e]|[%\\"]/g, "_")
  );
}

/** RFC 5987 encoding: encodeURIComponent leaves ' ( ) * alone, which attr-char does not allow. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment` with an ASCII filename and the full UTF-8 name in filename* (RFC 6266). */
export function contentDisposition(fileName: string): string {
  const name = safeFileName(fileName);
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

const sizeFormats = {
  nl: new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }),
} as const;

/** "340 KB", "2,4 MB": whole kilobytes below a megabyte; a non-empty file never shows as 0 KB. */
export function formatFileSize(bytes: number, locale: keyof typeof sizeFormats): string {
  const format = sizeFormats[locale];
  if (bytes < 1024 * 1024) {
    const kb = bytes === 0 ? 0 : Math.max(1, Math.round(bytes / 1024));
    return `${format.format(kb)} KB`;
  }
  return `${format.format(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}
