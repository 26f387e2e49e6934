import { z } from "zod";
import type { Messages } from "#app/i18n/catalogue.server";
import { isValidIsoDate } from "#app/utils/calendar-date";

type T = Messages["reference"]["holidays"];

const trimmed = z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string());
const day = (t: T) => trimmed.pipe(z.string().refine(isValidIsoDate, t.dayInvalid));

/** Adding a day with its name and kind, or removing one: one schema, by intent. */
export const HolidaySchema = (t: T) =>
  z.discriminatedUnion("intent", [
    z.object({
      intent: z.literal("add"),
      day: day(t),
      name: trimmed.pipe(z.string().min(1, t.nameRequired).max(100, t.nameRequired)),
      kind: z.enum(["statutory", "equated"]).catch("equated"),
    }),
    z.object({ intent: z.literal("remove"), day: day(t) }),
  ]);
