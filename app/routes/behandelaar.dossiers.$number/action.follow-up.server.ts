import { z } from "zod";
import { completeFollowUp, FOLLOW_UP_NOTE_MAX, setFollowUp } from "#app/dossiers/casework/follow-up.server";
import { dateField, longText, text, UUID, type T } from "./fields.server";

export const followUpSchema = (t: T) =>
  z.object({
    intent: z.literal("set_follow_up"),
    followUpOn: dateField(t),
    followUpNote: longText(t, FOLLOW_UP_NOTE_MAX, t.followUpNoteRequired),
  });

export const followUpDoneSchema = (t: T) =>
  z.object({
    intent: z.literal("complete_follow_up"),
    followUpId: text().pipe(z.string().regex(UUID, t.followUpGone)),
  });

export const followUpHandlers = { set_follow_up: setFollowUp, complete_follow_up: completeFollowUp };
