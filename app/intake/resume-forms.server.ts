import { z } from "zod";
import type { Messages } from "#app/i18n/catalogue.server";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The one field of both resume forms: an e-mail address. */
export const resumeEmailSchema = (t: Messages["resume"]) =>
  z.object({
    email: z
      .preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string())
      .superRefine((v, ctx) => {
        if (v === "") ctx.addIssue({ code: "custom", message: t.emailRequired });
        else if (!EMAIL.test(v) || v.length > 254) ctx.addIssue({ code: "custom", message: t.emailInvalid });
      }),
  });
