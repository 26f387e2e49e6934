import { z } from "zod";
import { shareWithResident } from "#app/dossiers/casework/resident-share.server";
import { choice, text, UUID, type T } from "./fields.server";

export const residentShareSchema = (t: T) =>
  z
    .object({
      intent: z.literal("share_with_resident"),
      attachmentId: text().pipe(z.string().regex(UUID, t.documentGone)),
      residentShare: choice(["give", "take_back"] as const, t.documentGone),
    })
    .transform((v) => ({ ...v, share: v.residentShare === "give" }));

export const residentShareHandlers = { share_with_resident: shareWithResident };
