import { z } from "zod";
import { changeStatus, EXPLANATION_MAX } from "#app/dossiers/casework/status.server";
import { longText, text, type T } from "./fields.server";

export const statusSchema = (t: T) =>
  z.object({
    intent: z.literal("change_status"),
    to: text().pipe(z.string().min(1, t.statusToRequired).max(40, t.statusToRequired)),
    outcome: text().pipe(z.string().max(60, t.outcomeRequired)),
    finding: text().pipe(z.string().max(60, t.findingInvalid)),
    reason: text().pipe(z.string().max(60, t.reasonInvalid)),
    statusExplanation: longText(t, EXPLANATION_MAX, null),
  });

export const statusHandlers = { change_status: changeStatus };
