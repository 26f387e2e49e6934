import { z } from "zod";
import type { Messages } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/i18n";
import { countCharacters } from "#app/intake/text";
import { UUID } from "#app/dossiers/scope.server";
import { isValidIsoDate } from "#app/utils/calendar-date";

/**
 * The field types of the dossier page's forms. They check the shape of what was posted, in the
 * reader's words; the rules that need the dossier (dates against the submission, the workflow,
 * who may assign) run in the commands, under the row lock.
 */

export type T = Messages["casework"];

export const text = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n").trim() : v === undefined || v === null ? "" : v),
    z.string(),
  );

export const choice = <V extends string>(values: readonly V[], message: string) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values as unknown as [V, ...V[]], { error: message }));

export function longText(t: T, max: number, required: string | null) {
  return text().superRefine((v, ctx) => {
    if (v === "" && required) ctx.addIssue({ code: "custom", message: required });
    const count = countCharacters(v);
    if (count > max) ctx.addIssue({ code: "custom", message: interpolate(t.tooLong, { max, count }) });
  });
}

export function dateField(t: T) {
  return text().superRefine((v, ctx) => {
    if (v === "") ctx.addIssue({ code: "custom", message: t.dateRequired });
    else if (!isValidIsoDate(v)) ctx.addIssue({ code: "custom", message: t.dateInvalid });
  });
}

/** Documents chosen by checkboxes named alike: none, one or several document ids. */
export const documentIds = (t: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .refine((ids) => ids.every((id) => UUID.test(id)), t.documentGone);

export { UUID };
