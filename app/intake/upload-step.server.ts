import { data, redirect } from "@remix-run/node";
import { interpolate } from "#app/i18n/format";
import { ACCEPT_ATTRIBUTE } from "#app/uploads/policy";
import { discard, receiveUploads } from "#app/uploads/receive.server";
import { refusalMessage } from "#app/uploads/refusal-words.server";
import type { AttachmentCategory } from "#db/schema/index";
import { addDraftAttachment, draftUsage, listDraftAttachments, removeDraftAttachment } from "./drafts.server";
import { stepPath } from "#app/routing/intake-paths";
import type { Answers, StepId } from "./journey";
import { completeStep, loadStep, REVIEW_RETURN, type StepArgs } from "./step.server";

export type UploadedFile = { id: string; category: AttachmentCategory; fileName: string; size: number };
export type UploadActionData = { errors: Record<string, string>; added?: number; removed?: string };

/** The loader of an upload step: the draft's files in these categories and which are required. */
export async function loadUploadStep(step: StepId, args: StepArgs, categories: AttachmentCategory[]) {
  const s = await loadStep(step, args);
  const files = s.draft ? await listDraftAttachments(s.services.db, s.draft.id) : [];
  const url = new URL(args.request.url);
  return {
    loaded: s,
    view: {
      files: files
        .filter((f) => categories.includes(f.category))
        .map((f): UploadedFile => ({ id: f.id, category: f.category, fileName: f.fileName, size: f.size })),
      limits: {
        fileMb: Math.round(s.services.env.uploads.maxFileBytes / 1048576),
        files: s.services.env.uploads.maxFiles,
        totalMb: Math.round(s.services.env.uploads.maxTotalBytes / 1048576),
      },
      settings: {
        transport: s.services.presign ? ("s3" as const) : ("local" as const),
        accept: ACCEPT_ATTRIBUTE,
        maxFileBytes: s.services.env.uploads.maxFileBytes,
        limitsText: interpolate(s.t.attachments.limits, {
          fileMb: Math.round(s.services.env.uploads.maxFileBytes / 1048576),
          files: s.services.env.uploads.maxFiles,
          totalMb: Math.round(s.services.env.uploads.maxTotalBytes / 1048576),
        }),
      },
      added: Number(url.searchParams.get("toegevoegd") ?? 0) || 0,
      backPath: s.backPath,
      changing: s.changing,
      errors: s.pendingErrors,
    },
  };
}

/**
 * The action of an upload step: remove a file, add files, or continue once the required
 * categories have a file. `required` names the categories that must not be empty.
 */
export async function handleUploadStep(
  step: StepId,
  args: StepArgs,
  categories: AttachmentCategory[],
  required: (
    answers: Answers,
  ) => { category: AttachmentCategory; message: (t: Awaited<ReturnType<typeof loadStep>>["t"]) => string }[],
  done: Partial<Answers>,
) {
  const s = await loadStep(step, args);
  if (!s.draft) throw redirect("/klacht");
  const t = s.t.attachments;
  const limits = s.services.env.uploads;
  const usage = await draftUsage(s.services.db, s.draft.id);
  const received = await receiveUploads(args.request, args.context, {
    fields: categories,
    budget: { files: limits.maxFiles - usage.count, bytes: limits.maxTotalBytes - usage.bytes },
  });
  const added: string[] = [];
  try {
    for (const file of received.files) {
      const { field: category, ...stored } = file;
      added.push((await addDraftAttachment(s.services.db, { draftId: s.draft.id, category, ...stored })).id);
    }
  } catch (err) {
    await discard(args.context, received.files.slice(added.length));
    throw err;
  }
  const errors: Record<string, string> = {};
  for (const refusal of received.refusals) {
    const message = refusalMessage(t, refusal, limits);
    errors[refusal.field] = errors[refusal.field] ? `${errors[refusal.field]} ${message}` : message;
  }
  const stay = (extra: Partial<UploadActionData> = {}, status = 400) =>
    data<UploadActionData>({ errors, ...extra }, { status });

  if (received.fields.remove) {
    const removed = await removeDraftAttachment(s.services, s.draft.id, received.fields.remove);
    return stay(
      { removed: removed ? interpolate(t.removed, { name: removed.fileName }) : undefined, added: added.length },
      received.refusals.length ? 400 : 200,
    );
  }
  if (received.refusals.length > 0) return stay({ added: added.length });

  const query = s.changing ? `?terug=${REVIEW_RETURN}&` : "?";
  if (received.fields.intent !== "continue") {
    throw redirect(`${stepPath(step)}${query}toegevoegd=${added.length}`);
  }
  const files = await listDraftAttachments(s.services.db, s.draft.id);
  const missing = required(s.answers).filter((r) => !files.some((f) => f.category === r.category));
  if (missing.length > 0) {
    return data<UploadActionData>(
      { errors: Object.fromEntries(missing.map((m) => [m.category, m.message(s.t)])) },
      { status: 400 },
    );
  }
  return completeStep(s, done);
}
