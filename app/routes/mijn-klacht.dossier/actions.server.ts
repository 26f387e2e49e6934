import { data, redirect } from "@remix-run/node";
import type { ResidentActor } from "#app/dossiers/scope.server";
import { messagesFor, type Messages } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/format";
import { getLocale } from "#app/i18n/locale.server";
import { clearResidentCookie, getResidentSession } from "#app/residents/access.server";
import { residentCommandScope } from "#app/residents/command.server";
import { residentTarget } from "#app/residents/dossier.server";
import { addResidentDocument, addResidentUploads } from "#app/residents/documents.server";
import { addUploadsSchema, answerSchema, withdrawSchema } from "#app/residents/forms.server";
import { answerQuestion } from "#app/residents/questions.server";
import { withdrawComplaint } from "#app/residents/withdraw.server";
import { receiveUploads } from "#app/uploads/receive.server";
import { refusalMessage } from "#app/uploads/refusal-words.server";
import type { Issue } from "#app/dossiers/casework/command.server";
import { parseForm, type FieldErrors } from "#app/utils/forms.server";
import type { RequestContext } from "#app/utils/services.server";

/**
 * The status page's actions, each one form: a document added later (multipart, through the
 * upload pipeline, or with JavaScript the uploader's checked files by their ids), the answer to
 * the handler's question, and withdrawing. Each runs its command
 * under the resident's scope and answers with a redirect, or the form's errors and what was typed.
 */

export type ActionData = { errors: FieldErrors; values: Record<string, string> };

const refused = (errors: FieldErrors, values: Record<string, string>, status: number) =>
  data<ActionData>({ errors, values }, { status });
const notFound = () => new Response("Not Found", { status: 404 });
const DOCUMENT_ADDED = "/mijn-klacht/dossier?toegevoegd=1#documenten";
/** Mails to staff are in Dutch (staff have no language setting) and hold only a link. */
const staffMail = (subject: string, text: string) => (to: { name: string }, link: string) => ({
  subject,
  text: interpolate(text, { name: to.name, link }),
});

/** The resident of the session, or a redirect to ask for a (new) link. */
export async function requireResident(request: Request, context: RequestContext): Promise<ResidentActor> {
  const state = await getResidentSession(request, context);
  if (state.session) return { role: "resident", dossierId: state.session.dossierId };
  throw redirect(state.expired ? "/mijn-klacht?verlopen=1" : "/mijn-klacht", {
    headers: state.expired ? { "Set-Cookie": clearResidentCookie(context) } : undefined,
  });
}

async function commandScope(context: RequestContext, actor: ResidentActor) {
  const target = await residentTarget(context.services.db, actor);
  if (!target) throw notFound();
  return { target, scope: residentCommandScope(context, actor.dossierId, target.number) };
}

/** A document added later: through the upload pipeline (type from the bytes, limits, scanner), one per post. */
export async function addDocument(request: Request, context: RequestContext, actor: ResidentActor) {
  const messages = messagesFor(getLocale(request));
  const r = messages.resident;
  const { target, scope } = await commandScope(context, actor);
  const open = target.status !== "closed";
  const received = await receiveUploads(request, context, { fields: open ? ["document"] : [], perPost: 1 });
  const fail = (message: string) => refused({ document: message }, {}, 400);
  if (!open) return fail(r.alreadyClosed);
  const refusal = received.refusals[0];
  if (refusal) return fail(refusalMessage(messages.intake.attachments, refusal, context.services.env.uploads));
  const file = received.files[0];
  if (!file) return fail(r.fileRequired);
  const staff = messagesFor("nl").resident;
  const { field: _field, ...stored } = file;
  const result = await addResidentDocument(
    scope,
    stored,
    staffMail(staff.handlerDocumentSubject, staff.handlerDocumentText),
  );
  if (result.ok) return redirect(DOCUMENT_ADDED);
  if (result.code !== "invalid") throw notFound();
  return fail(documentRefusal(result.issues[0], r));
}

/** Why the documents were not added, in the resident's words. */
function documentRefusal(issue: Issue | undefined, r: Messages["resident"]): string {
  if (issue?.code === "documents-full") return interpolate(r.documentsFull, { max: issue.params?.max ?? "" });
  if (issue?.code === "document-gone") return r.uploadGone;
  if (issue?.code === "file-required") return r.fileRequired;
  return r.alreadyClosed;
}

/** With JavaScript: the uploader's checked files, added with one press by their ids. */
export async function addUploads(
  formData: FormData,
  context: RequestContext,
  actor: ResidentActor,
  r: Messages["resident"],
) {
  const parsed = parseForm(addUploadsSchema(r), formData);
  if (!parsed.success) return refused({ document: Object.values(parsed.errors)[0] ?? r.fileRequired }, {}, 400);
  const { scope } = await commandScope(context, actor);
  const staff = messagesFor("nl").resident;
  const result = await addResidentUploads(
    scope,
    parsed.data.upload,
    staffMail(staff.handlerDocumentSubject, staff.handlerDocumentText),
  );
  if (result.ok) return redirect(DOCUMENT_ADDED);
  if (result.code !== "invalid") throw notFound();
  return refused({ document: documentRefusal(result.issues[0], r) }, {}, 409);
}

/** The resident's answer to the handler's open question. */
export async function answer(
  formData: FormData,
  context: RequestContext,
  actor: ResidentActor,
  r: Messages["resident"],
) {
  const parsed = parseForm(answerSchema(r), formData);
  const values = { questionAnswer: String(formData.get("questionAnswer") ?? "") };
  if (!parsed.success) return refused(parsed.errors, values, 400);
  const { scope } = await commandScope(context, actor);
  const staff = messagesFor("nl").resident;
  const result = await answerQuestion(
    scope,
    { questionId: parsed.data.questionId, answerText: parsed.data.questionAnswer },
    staffMail(staff.handlerAnswerSubject, staff.handlerAnswerText),
  );
  if (result.ok) return redirect("/mijn-klacht/dossier?beantwoord=1#inhoud");
  if (result.code !== "invalid") throw notFound();
  const code = result.issues[0]?.code;
  const message =
    code === "closed" ? r.alreadyClosed : code === "question-answered" ? r.questionAnsweredAlready : r.questionGone;
  return refused({ questionAnswer: message }, values, 409);
}

/** Withdrawing the complaint, with an optional reason and the confirmation ticked. */
export async function withdraw(
  formData: FormData,
  context: RequestContext,
  actor: ResidentActor,
  r: Messages["resident"],
) {
  const parsed = parseForm(withdrawSchema(r), formData);
  const values = { withdrawReason: String(formData.get("withdrawReason") ?? "") };
  if (!parsed.success) return refused(parsed.errors, values, 400);
  const { scope } = await commandScope(context, actor);
  const staff = messagesFor("nl").resident;
  const result = await withdrawComplaint(
    scope,
    { reason: parsed.data.withdrawReason },
    {
      handler: staffMail(staff.handlerWithdrawnSubject, staff.handlerWithdrawnText),
      officer: staffMail(staff.officerWithdrawnSubject, staff.officerWithdrawnText),
    },
  );
  if (result.ok) return redirect("/mijn-klacht/dossier?ingetrokken=1#inhoud");
  if (result.code !== "invalid") throw notFound();
  return refused({ withdrawReason: r.alreadyClosed }, {}, 409);
}
