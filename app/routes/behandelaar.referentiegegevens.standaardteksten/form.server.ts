import { z } from "zod";
import { MAIL_BODY_MAX, MAIL_TEMPLATES, SUBJECT_MAX } from "#app/dossiers/casework/mail.server";
import type { Messages } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/i18n";

type T = Messages["reference"]["texts"];

const text = (max: number, required: string, t: T) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n").trim() : ""),
    z.string().min(1, required).max(max, interpolate(t.tooLong, { max })),
  );

/** Saving a standard text in one language, or resetting it to the catalogue's. */
export const TextSchema = (t: T) =>
  z.discriminatedUnion("intent", [
    z.object({
      intent: z.literal("save"),
      template: z.enum(MAIL_TEMPLATES),
      locale: z.enum(["nl", "en"]),
      subject: text(SUBJECT_MAX, t.subjectRequired, t).transform((v) => v.replace(/\s+/g, " ")),
      body: text(MAIL_BODY_MAX, t.bodyRequired, t),
    }),
    z.object({ intent: z.literal("reset"), template: z.enum(MAIL_TEMPLATES), locale: z.enum(["nl", "en"]) }),
  ]);
