import { z } from "zod";
import { recordContact, SUMMARY_MAX } from "#app/dossiers/casework/contact.server";
import { choice, dateField, longText, type T } from "./fields.server";

export const contactSchema = (t: T) =>
  z.object({
    intent: z.literal("record_contact"),
    contactChannel: choice(["phone", "email"] as const, t.contactChannelRequired),
    contactDate: dateField(t),
    contactSummary: longText(t, SUMMARY_MAX, t.summaryRequired),
  });

export const contactHandlers = { record_contact: recordContact };
