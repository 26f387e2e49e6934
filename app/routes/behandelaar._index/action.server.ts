import { z } from "zod";
import { requireUser } from "#app/auth/session.server";
import { assignMany, BULK_MAX, type BulkResult } from "#app/dossiers/casework/assign-many.server";
import type { CommandContext } from "#app/dossiers/casework/command.server";
import { deleteSavedView, SAVED_VIEW_NAME_MAX, saveView, type SaveViewResult } from "#app/dossiers/saved-views.server";
import { STAFF_ROLES, UUID } from "#app/dossiers/scope.server";
import { parseQueueFilter } from "#app/dossiers/queue.server";
import { formDataToObject, readForm } from "#app/utils/forms.server";
import { queueSearch } from "./queue-url";

/** The queue page's posts, told apart by `intent`: the bulk assignment and the saved views. */
const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().max(20)).max(BULK_MAX));

const PostedSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("take"), dossier: many }),
  z.object({ intent: z.literal("assign"), dossier: many, assigneeId: z.string().optional() }),
  z.object({ intent: z.literal("save-view"), name: z.string().trim().optional(), query: z.string().max(1000) }),
  z.object({ intent: z.literal("delete-view"), id: z.string().regex(UUID) }),
]);

export type QueueActionData =
  | { kind: "bulk"; result: BulkResult }
  | { kind: "bulk-empty" }
  | { kind: "bulk-no-assignee" }
  | { kind: "saved"; outcome: Exclude<SaveViewResult, "not-staff">; name: string }
  | { kind: "save-invalid" }
  | { kind: "deleted" };

export async function queueAction(request: Request, context: CommandContext): Promise<QueueActionData> {
  const user = await requireUser(request, context, STAFF_ROLES);
  const form = await readForm(request, context);
  const parsed = PostedSchema.safeParse(formDataToObject(form));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const posted = parsed.data;
  const { db } = context.services;
  switch (posted.intent) {
    case "take":
    case "assign": {
      if (posted.dossier.length === 0) return { kind: "bulk-empty" };
      const assigneeId = posted.intent === "take" ? user.id : posted.assigneeId;
      if (!assigneeId || !UUID.test(assigneeId)) return { kind: "bulk-no-assignee" };
      return { kind: "bulk", result: await assignMany({ ctx: context, actor: user }, posted.dossier, assigneeId) };
    }
    case "save-view": {
      const name = posted.name ?? "";
      if (name.length === 0 || name.length > SAVED_VIEW_NAME_MAX) return { kind: "save-invalid" };
      // Stored as the queue reads it back: unknown parameters dropped, defaults left out, page 1.
      const filter = parseQueueFilter(new URL(`http://queue.invalid/behandelaar${posted.query}`));
      const outcome = await saveView(db, { actor: user, name, query: queueSearch(filter, { pagina: 1 }) });
      if (outcome === "not-staff") throw new Response("Forbidden", { status: 403 });
      return { kind: "saved", outcome, name };
    }
    case "delete-view": {
      if (!(await deleteSavedView(db, { actor: user, id: posted.id })))
        throw new Response("Not Found", { status: 404 });
      return { kind: "deleted" };
    }
  }
}
