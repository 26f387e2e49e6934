import { z } from "zod";
import type { Messages } from "#app/i18n/catalogue.server";
import { countCharacters } from "#app/intake/text";
import { interpolate } from "#app/i18n/format";
import { DOSSIER_NUMBER } from "#db/dossier-numbers";
import { UUID } from "#app/dossiers/scope.server";
import { RESIDENT_DOCUMENTS_MAX } from "./documents.server";
import { ANSWER_MAX } from "./questions.server";
import { WITHDRAW_REASON_MAX } from "./withdraw.server";

type R = Messages["resident"];

const trimmed = () => z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string());
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Asking for a link: the dossier number (any case, spaces around ignored) and an e-mail address. */
export const linkRequestSchema = (r: R) =>
  z.object({
    number: trimmed()
      .transform((v) => v.toUpperCase())
      .superRefine((v, ctx) => {
        if (v === "") ctx.addIssue({ code: "custom", message: r.numberRequired });
        else if (!DOSSIER_NUMBER.test(v)) ctx.addIssue({ code: "custom", message: r.numberInvalid });
      }),
    email: trimmed().superRefine((v, ctx) => {
      if (v === "") ctx.addIssue({ code: "custom", message: r.emailRequired });
      else if (!EMAIL.test(v) || v.length > 254) ctx.addIssue({ code: "custom", message: r.emailInvalid });
    }),
  });

/** Withdrawing: a ticked confirmation and an optional reason. */
export const withdrawSchema = (r: R) =>
  z.object({
    intent: z.literal("withdraw"),
    withdrawConfirm: z.preprocess((v) => v === "ja", z.literal(true, { error: r.withdrawConfirmRequired })),
    withdrawReason: trimmed().superRefine((v, ctx) => {
      const count = countCharacters(v);
      if (count > WITHDRAW_REASON_MAX)
        ctx.addIssue({ code: "custom", message: interpolate(r.reasonTooLong, { max: WITHDRAW_REASON_MAX, count }) });
    }),
  });

/** The answer to the handler's question: the question's id and the text. */
export const answerSchema = (r: R) =>
  z.object({
    intent: z.literal("answer_question"),
    questionId: trimmed().pipe(z.string().regex(UUID, r.questionGone)),
    questionAnswer: trimmed().superRefine((v, ctx) => {
      if (v === "") ctx.addIssue({ code: "custom", message: r.answerRequired });
      const count = countCharacters(v);
      if (count > ANSWER_MAX)
        ctx.addIssue({ code: "custom", message: interpolate(r.reasonTooLong, { max: ANSWER_MAX, count }) });
    }),
  });

/** The uploader's checked files to add with one press: their upload ids (`upload`, repeated), at least one. */
export const addUploadsSchema = (r: R) =>
  z.object({
    intent: z.literal("add_uploads"),
    upload: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z
        .array(z.string().regex(UUID, r.uploadGone))
        .min(1, r.fileRequired)
        .max(RESIDENT_DOCUMENTS_MAX, interpolate(r.documentsFull, { max: RESIDENT_DOCUMENTS_MAX })),
    ),
  });
