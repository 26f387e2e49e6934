import { cleanFileName } from "#app/uploads/policy";
import { displayFileName } from "#app/utils/text";

/**
 * The names the documents of one share get in its ZIP. Uploaded names are the residents' own, so
 * two can be the same ("brief.pdf" twice), differ only in case (the same file on Windows and macOS)
 * or be a name Windows refuses ("con.pdf", "verslag."): each becomes a safe name, unique within the
 * ZIP regardless of case, with " (2)", " (3)" before the extension where it repeats an earlier one.
 */

// Device names Windows will not create as a file, whatever extension follows.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

function entryName(fileName: string): string {
  // Windows drops trailing dots and spaces, so "a." and "a" would land on one file.
  const name = cleanFileName(displayFileName(fileName).normalize("NFC")).replace(/[.\s]+$/, "");
  if (name === "") return "bestand";
  return WINDOWS_RESERVED.test(name) ? `_${name}` : name;
}

/** One name per file name given, in the same order; the first of equal names keeps it unchanged. */
export function caseFileEntryNames(fileNames: readonly string[]): string[] {
  const taken = new Set<string>();
  return fileNames.map((fileName) => {
    const name = entryName(fileName);
    const dot = name.lastIndexOf(".");
    const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
