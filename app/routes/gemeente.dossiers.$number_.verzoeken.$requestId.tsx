import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { requireUser, type SessionUser } from "#app/auth/session.server";
import { AnswerDocuments } from "#app/components/answer-documents";
import { useHeldSubmit } from "#app/components/checked-uploads";
import { DossierErrorPage } from "#app/components/dossier-error";
import { AppForm, ErrorSummary, SelectField, TextArea } from "#app/components/forms";
import { RequestBody } from "#app/components/request-view";
import { Alert, Button, Heading, Link, PageTitle, Paragraph } from "#app/components/ui";
import { recordDeniedAccess } from "#app/dossiers/access.server";
import { ANSWER_SLOTS, EXTENSION_WEEKS } from "#app/dossiers/requests";
import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDate, interpolate, useI18n } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { issueErrors } from "#app/routes/behandelaar.dossiers.$number/issues.server";
import { extensionSchema, handlerMail, receiveAnswer } from "#app/portal/request-forms.server";
import { answerOwner, findPortalRequest } from "#app/portal/answer-uploads.server";
import { portalRequestPath, portalUploadPath } from "#app/portal/paths";
import { answerRequest, askExtension } from "#app/portal/requests.server";
import { ACCEPT_ATTRIBUTE } from "#app/uploads/policy";
import { heldUploads } from "#app/uploads/uploads.server";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import type { RequestContext } from "#app/utils/services.server";

export const handle: PageHandle = { i18n: ["portal", "requests", "intake.attachments"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) =>
    data
      ? interpolate(t.requests.requestTitle, {
          kind: t.requests.kinds[data.request.kind],
          date: data.request.sentOn,
        })
      : t.errors.notFoundTitle,
  );

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const notFound = () => new Response("Not Found", { status: 404 });

/** The request when the officer may read it; otherwise the attempt is audited and the answer is a 404. */
async function findRequest(context: RequestContext, user: SessionUser, number: string, requestId: string) {
  const { db } = context.services;
  const found = await findPortalRequest(db, user, number, requestId);
  if (!found) {
    await recordDeniedAccess(db, context, user, { route: "portal.request", number });
    throw notFound();
  }
  return found;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, ["municipality_officer"]);
  const number = params.number ?? "";
  const found = await findRequest(context, user, number, params.requestId ?? "");
  await audit(context.services.db, context, user, {
    action: "dossier.request_viewed",
    subjectType: "dossier",
    subjectId: found.dossierId,
    details: { number, requestId: found.request.id, portal: true },
  });
  const { env, now } = context.services;
  const done = new URL(request.url).searchParams.get("gedaan");
  const open = found.request.workable;
  // The files the officer's uploader sent and the server checked, waiting for the answer.
  const checked = open ? await heldUploads(context.services.db, answerOwner(user, found.request.id)) : [];
  const maxMb = Math.round(env.uploads.maxFileBytes / 1024 / 1024);
  const t = messagesFor(getLocale(request));
  return {
    number,
    request: found.request,
    today: amsterdamDateOf(now()),
    done: done === "antwoord" || done === "uitstel" ? done : null,
    uploads: checked.map((u) => ({ id: u.id, fileName: u.fileName, size: u.size })),
    upload: {
      accept: ACCEPT_ATTRIBUTE,
      maxMb,
      transport: context.services.presign ? ("s3" as const) : ("local" as const),
      maxFileBytes: env.uploads.maxFileBytes,
      limitsText: interpolate(t.intake.attachments.limits, {
        fileMb: maxMb,
        files: ANSWER_SLOTS.length,
        totalMb: maxMb * ANSWER_SLOTS.length,
      }),
    },
  };
}

type ActionData = { form: "answer" | "extension"; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, ["municipality_officer"]);
  const messages = messagesFor(getLocale(request));
  const number = params.number ?? "";
  const requestId = params.requestId ?? "";
  // Before the form is read: anyone outside the scope gets the same 404 whatever they post.
  const found = await findRequest(context, user, number, requestId);
  const scope = { ctx: context, actor: user, number };
  const back = (done: string) => redirect(`${portalRequestPath(number, requestId)}?gedaan=${done}#inhoud`);
  const refused = async (): Promise<never> => {
    await recordDeniedAccess(context.services.db, context, user, { route: "portal.request.action", number });
    throw notFound();
  };
  const invalid = (form: ActionData["form"], errors: FieldErrors, values: Record<string, string>) =>
    data<ActionData>({ form, errors, values }, { status: 400 });

  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const received = await receiveAnswer(
      request,
      context,
      messages,
      found.request.workable,
      answerOwner(user, requestId),
    );
    if (!received.ok) return invalid("answer", received.errors, received.values);
    const result = await answerRequest(
      scope,
      { requestId, answerText: received.answerText, documents: received.documents },
      handlerMail,
    );
    if (result.ok) return back("antwoord");
    if (result.code !== "invalid") return refused();
    return invalid("answer", issueErrors(result.issues, messages, getLocale(request)), received.values);
  }

  const formData = await readForm(request, context);
  const values = Object.fromEntries(
    [...formData].filter(([k, v]) => k !== "_csrf" && typeof v === "string") as [string, string][],
  );
  const parsed = parseForm(extensionSchema(messages.requests), formData);
  if (!parsed.success) return invalid("extension", parsed.errors, values);
  const result = await askExtension(
    scope,
    { requestId, weeks: parsed.data.weeks, reason: parsed.data.reason },
    handlerMail,
  );
  if (result.ok) return back("uitstel");
  if (result.code !== "invalid") return refused();
  return invalid("extension", issueErrors(result.issues, messages, getLocale(request)), values);
}

export default function PortalRequest() {
  const { messages, locale } = useI18n();
  const r = messages.requests;
  const { number, request, today, done, upload, uploads } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { key: formKey } = useLocation();
  const answer = result?.form === "answer" ? result : null;
  const extension = result?.form === "extension" ? result : null;
  const path = portalRequestPath(number, request.id);
  const open = request.workable;
  const pending = request.extensions.some((e) => e.status === "pending");
  // Sending is held back while the uploader still has files on their way.
  const { onSubmit, onBusyChange, blocked } = useHeldSubmit();
  return (
    <>
      <Paragraph>
        <Link to={`/gemeente/dossiers/${encodeURIComponent(number)}`}>{interpolate(r.backToDossier, { number })}</Link>
      </Paragraph>
      <PageTitle preHeading={interpolate(messages.portal.dossierTitle, { number })}>
        {interpolate(r.requestTitle, { kind: r.kinds[request.kind], date: formatDate(request.sentOn, locale) })}
      </PageTitle>
      {done && !result ? (
        <Alert type="ok" role="status">
          <Paragraph>{done === "antwoord" ? r.doneAnswer : r.doneExtension}</Paragraph>
        </Alert>
      ) : null}
      <RequestBody
        request={request}
        today={today}
        level={2}
        sentDocumentLink={(d) => `/gemeente/dossiers/${encodeURIComponent(number)}/documenten/${d.attachmentId}`}
      />
      {open ? (
        <>
          <section aria-labelledby="antwoord-kop" id="antwoord">
            <Heading level={2} id="antwoord-kop">
              {r.answerFormHeading}
            </Heading>
            <AppForm action={`${path}#antwoord`} encType="multipart/form-data" onSubmit={onSubmit}>
              <div key={formKey}>
                <ErrorSummary
                  errors={answer?.errors}
                  order={["answerText", ...ANSWER_SLOTS.flatMap((n) => [`document${n}`, `confidentialReason${n}`])]}
                />
                <TextArea
                  name="answerText"
                  label={r.answerText}
                  rows={8}
                  defaultValue={answer?.values.answerText}
                  error={answer?.errors.answerText}
                />
                <fieldset className="utrecht-form-fieldset">
                  <legend className="utrecht-form-fieldset__legend">{r.answerDocumentsLegend}</legend>
                  <Paragraph className="oma-hint">
                    {interpolate(messages.intake.attachments.limits, {
                      fileMb: upload.maxMb,
                      files: ANSWER_SLOTS.length,
                      totalMb: upload.maxMb * ANSWER_SLOTS.length,
                    })}
                  </Paragraph>
                  <AnswerDocuments
                    slots={ANSWER_SLOTS}
                    uploads={uploads}
                    errors={answer?.errors}
                    values={answer?.values}
                    settings={upload}
                    baseUrl={portalUploadPath(number, request.id)}
                    onBusyChange={onBusyChange}
                  />
                </fieldset>
                {blocked ? (
                  <Alert type="warning" role="alert">
                    <Paragraph>{r.answerUploadsBusy}</Paragraph>
                  </Alert>
                ) : null}
                <Button type="submit">{r.sendAnswer}</Button>
              </div>
            </AppForm>
          </section>
          {pending ? null : (
            <section aria-labelledby="uitstel-kop" id="uitstel">
              <Heading level={2} id="uitstel-kop">
                {r.extensionFormHeading}
              </Heading>
              <Paragraph>{r.extensionIntro}</Paragraph>
              <AppForm action={`${path}#uitstel`}>
                <div key={formKey}>
                  <input type="hidden" name="intent" value="ask_extension" />
                  <ErrorSummary errors={extension?.errors} order={["weeks", "reason"]} />
                  <SelectField
                    name="weeks"
                    label={r.extensionWeeks}
                    value={extension?.values.weeks ?? "2"}
                    error={extension?.errors.weeks}
                    options={EXTENSION_WEEKS.map((w) => ({
                      value: String(w),
                      label: w === 1 ? r.weeksOne : interpolate(r.weeksOption, { weeks: w }),
                    }))}
                  />
                  <TextArea
                    name="reason"
                    label={r.extensionReason}
                    rows={3}
                    defaultValue={extension?.values.reason}
                    error={extension?.errors.reason}
                  />
                  <Button type="submit" appearance="secondary">
                    {r.askExtension}
                  </Button>
                </div>
              </AppForm>
            </section>
          )}
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  const { messages } = useI18n();
  return <DossierErrorPage back={{ to: "/gemeente", label: messages.portal.backToList }} />;
}
