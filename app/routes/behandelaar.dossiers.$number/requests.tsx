import { useLoaderData } from "@remix-run/react";
import { CheckboxField, RadioGroup, TextArea, TextField } from "#app/components/forms";
import { RequestBody } from "#app/components/request-view";
import { Button, Heading, Paragraph } from "#app/components/ui";
import { formatDate, interpolate, useI18n } from "#app/i18n/i18n";
import { outlivesClosing } from "#app/dossiers/requests";
import { REQUEST_KINDS } from "#db/schema/values";
import { ActionForm, type FormState } from "./action-form";
import type { Intent } from "./intents";
import type { loader } from "./route";
import { DocumentChoices } from "./share";

/**
 * Requests to the municipality: the form to send one (its kind, the questions, the term and
 * whether the clock stops), and each request with its due date explained, the municipality's
 * requests for more time and for ombudsman-only documents, each with the handler's decision form.
 */
export function RequestsSection({ formFor, formKey }: { formFor: (intent: Intent) => FormState; formKey: string }) {
  const { messages, locale } = useI18n();
  const r = messages.requests;
  const { dossier, requests, requestTermWeeks, today, sharedWithMunicipality } = useLoaderData<typeof loader>();
  const closed = dossier.status === "closed";
  const form = formFor("send_request");
  const v = form?.values ?? {};
  const e = form?.errors ?? {};
  const extensionForm = formFor("decide_extension");
  const documentForm = formFor("decide_confidentiality");

  const decisionForm = (
    intent: "decide_extension" | "decide_confidentiality",
    idField: "extensionId" | "attachmentId",
    id: string,
    grant: string,
    refuse: string,
    state: FormState,
  ) => {
    const mine = state?.values[idField] === id ? state : null;
    const field = intent === "decide_extension" ? `decision-${id}` : `confidentiality-${id}`;
    return (
      <ActionForm intent={intent} section={`verzoek-${id}`} errors={mine?.errors}>
        <div key={formKey} id={`verzoek-${id}`}>
          <input type="hidden" name={idField} value={id} />
          <RadioGroup
            name="decision"
            legend={r.decisionLegend}
            error={mine?.errors.decision ?? mine?.errors[field]}
            value={mine?.values.decision}
            choices={[
              { value: "granted", label: grant },
              { value: "refused", label: refuse },
            ]}
          />
          <TextArea
            name="decisionReason"
            label={r.decisionReason}
            optional
            rows={2}
            defaultValue={mine?.values.decisionReason}
            error={mine?.errors.decisionReason}
          />
          <Button type="submit" appearance="secondary">
            {r.decide}
          </Button>
        </div>
      </ActionForm>
    );
  };

  return (
    <section aria-labelledby="verzoeken-kop" id="verzoeken">
      <Heading level={2} id="verzoeken-kop">
        {r.heading}
      </Heading>
      <Paragraph>{r.intro}</Paragraph>
      {closed ? null : sharedWithMunicipality ? (
        <ActionForm
          intent="send_request"
          section="verzoeken"
          errors={form?.errors}
          order={["requestKind", "questions", "sendDocuments", "documentsWanted", "termWeeks", "pauseClock"]}
        >
          <div key={formKey}>
            <RadioGroup
              name="requestKind"
              legend={r.kindLegend}
              error={e.requestKind}
              value={v.requestKind ?? "information"}
              choices={REQUEST_KINDS.map((kind) => ({ value: kind, label: r.kinds[kind], hint: r.kindHints[kind] }))}
            />
            <TextArea
              name="questions"
              label={r.questions}
              description={r.questionsHint}
              rows={6}
              defaultValue={v.questions}
              error={e.questions}
            />
            <DocumentChoices
              name="sendDocuments"
              legend={r.sendDocumentsLegend}
              description={r.sendDocumentsHint}
              checked={v.sendDocuments?.split("\n")}
              error={e.sendDocuments}
            />
            <TextArea
              name="documentsWanted"
              label={r.documentsWanted}
              optional
              rows={3}
              defaultValue={v.documentsWanted}
              error={e.documentsWanted}
            />
            <TextField
              name="termWeeks"
              label={r.termWeeks}
              description={interpolate(r.termHint, { weeks: requestTermWeeks })}
              inputMode="numeric"
              width="short"
              defaultValue={v.termWeeks ?? String(requestTermWeeks)}
              error={e.termWeeks}
            />
            <CheckboxField
              name="pauseClock"
              value="on"
              label={r.pauseClock}
              defaultChecked={v.pauseClock === "on"}
              error={e.pauseClock}
            />
            <Button type="submit">{r.send}</Button>
          </div>
        </ActionForm>
      ) : (
        <Paragraph>{r.notShared}</Paragraph>
      )}
      {requests.length === 0 ? (
        <Paragraph>{r.none}</Paragraph>
      ) : (
        requests.map((request) => (
          <article key={request.id} aria-labelledby={`verzoek-${request.id}-kop`} className="oma-request">
            <Heading level={3} id={`verzoek-${request.id}-kop`}>
              {interpolate(r.requestTitle, {
                kind: r.kinds[request.kind],
                date: formatDate(request.sentOn, locale),
              })}
            </Heading>
            <RequestBody
              request={request}
              today={today}
              level={3}
              extensionAction={(ext) =>
                !request.workable
                  ? null
                  : decisionForm(
                      "decide_extension",
                      "extensionId",
                      ext.id,
                      interpolate(r.grantExtension, { weeks: ext.weeks }),
                      r.refuseExtension,
                      extensionForm,
                    )
              }
              documentAction={(doc) =>
                closed && !outlivesClosing(request.kind)
                  ? null
                  : decisionForm(
                      "decide_confidentiality",
                      "attachmentId",
                      doc.attachmentId,
                      r.grantConfidentiality,
                      r.refuseConfidentiality,
                      documentForm,
                    )
              }
              documentLink={(doc) =>
                `/behandelaar/dossiers/${encodeURIComponent(dossier.number)}/bijlagen/${doc.attachmentId}`
              }
            />
          </article>
        ))
      )}
    </section>
  );
}
