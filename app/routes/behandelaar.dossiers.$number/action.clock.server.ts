import { z } from "zod";
import { pauseClock, resumeClock } from "#app/dossiers/casework/clock.server";
import { EXPLANATION_MAX } from "#app/dossiers/casework/status.server";
import { pauseReason } from "#db/schema/index";
import { choice, dateField, longText, type T } from "./fields.server";

export const pauseSchema = (t: T) =>
  z.object({
    intent: z.literal("pause_clock"),
    pauseReason: choice(pauseReason.enumValues, t.pauseReasonRequired),
    pauseExplanation: longText(t, EXPLANATION_MAX, t.pauseExplanationRequired),
    pauseStart: dateField(t),
  });

export const resumeSchema = (t: T) => z.object({ intent: z.literal("resume_clock"), resumeEnd: dateField(t) });

export const clockHandlers = { pause_clock: pauseClock, resume_clock: resumeClock };
