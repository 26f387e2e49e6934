import { z } from "zod";
import { assignDossier } from "#app/dossiers/casework/assign.server";
import { text, UUID, type T } from "./fields.server";

export const assignSchema = (t: T) =>
  z.object({ intent: z.literal("assign"), assigneeId: text().pipe(z.string().regex(UUID, t.assignRequired)) });

export const assignHandlers = { assign: assignDossier };
