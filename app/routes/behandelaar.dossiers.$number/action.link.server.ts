import { z } from "zod";
import { LINK_REASON_MAX, linkDossier, unlinkDossier } from "#app/dossiers/casework/link.server";
import { longText, text, UUID, type T } from "./fields.server";

export const linkSchema = (t: T) =>
  z.object({
    intent: z.literal("link_dossier"),
    relatedNumber: text().pipe(z.string().min(1, t.linkNumberRequired).max(40, t.linkNumberRequired)),
    linkReason: longText(t, LINK_REASON_MAX, t.linkReasonRequired),
  });

export const unlinkSchema = (t: T) =>
  z.object({ intent: z.literal("unlink_dossier"), linkId: text().pipe(z.string().regex(UUID, t.linkGone)) });

export const linkHandlers = { link_dossier: linkDossier, unlink_dossier: unlinkDossier };
