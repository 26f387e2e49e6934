import { z } from "zod";
import type { Messages } from "#app/i18n/catalogue.server";
import { isValidIsoDate } from "#app/utils/calendar-date";

type T = Messages["reference"]["municipality"];

const trimmed = z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string());

/** An https address with a host: where a resident is sent must not be a plain-text or script link. */
export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
}

const url = (t: T) => trimmed.pipe(z.string().max(500, t.urlInvalid).refine(isHttpsUrl, t.urlInvalid));
const day = (t: T) => trimmed.pipe(z.string().refine(isValidIsoDate, t.dateInvalid));

export const MunicipalitySchema = (t: T) =>
  z
    .object({
      name: trimmed.pipe(z.string().min(1, t.nameRequired).max(100, t.nameRequired)),
      joinedOn: day(t),
      leftOn: trimmed.pipe(
        z
          .string()
          .refine((v) => v === "" || isValidIsoDate(v), t.dateInvalid)
          .transform((v) => (v === "" ? null : v)),
      ),
      handlingWeeks: trimmed.pipe(
        z
          .string()
          .regex(/^\d{1,2}$/, t.weeksInvalid)
          .transform(Number)
          .refine((n) => n >= 1 && n <= 52, t.weeksInvalid),
      ),
      website: url(t),
      complaintsUrl: url(t),
      objectionUrl: url(t),
      publicSpaceReportUrl: url(t),
      damagesUrl: url(t),
    })
    .refine((m) => m.leftOn === null || m.leftOn > m.joinedOn, { path: ["leftOn"], message: t.leftBeforeJoined });
