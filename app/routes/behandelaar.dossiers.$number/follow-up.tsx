import { useLoaderData } from "@remix-run/react";
import { DataTable } from "#app/components/data-table";
import { AppForm, TextArea, TextField } from "#app/components/forms";
import { Button, Heading, Paragraph, VisuallyHidden } from "#app/components/ui";
import { formatDate, interpolate, useI18n } from "#app/i18n/i18n";
import { ActionForm, dossierPath, type FormState } from "./action-form";
import type { Intent } from "./intents";
import type { loader } from "./route";

/** Follow-up dates: the open ones (each can be ticked off) and the form to set one. */
export function FollowUpSection({ formFor, formKey }: { formFor: (intent: Intent) => FormState; formKey: string }) {
  const { messages, locale } = useI18n();
  const tc = messages.casework;
  const { dossier, followUps, today } = useLoaderData<typeof loader>();
  const set = formFor("set_follow_up");
  const done = formFor("complete_follow_up");
  const closed = dossier.status === "closed";
  return (
    <section aria-labelledby="opvolgen-kop" id="opvolgen">
      <Heading level={2} id="opvolgen-kop">
        {tc.followUpHeading}
      </Heading>
      {done?.errors ? (
        <Paragraph className="utrecht-form-field-error-message">{Object.values(done.errors)[0]}</Paragraph>
      ) : null}
      {followUps.length === 0 ? null : (
        <DataTable
          caption={interpolate(tc.followUpCaption, { number: dossier.number })}
          rows={followUps}
          rowKey={(f) => f.id}
          columns={[
            { key: "date", header: tc.followUpColDate, cell: (f) => formatDate(f.dueOn, locale, true) },
            {
              key: "note",
              header: tc.followUpColNote,
              cell: (f) => <span className="utrecht-multiline-data">{f.note}</span>,
            },
            { key: "owner", header: tc.followUpColOwner, cell: (f) => f.owner },
            {
              key: "done",
              header: <VisuallyHidden>{tc.followUpDone}</VisuallyHidden>,
              cell: (f) => (
                <AppForm
                  action={`${dossierPath(dossier.number)}#opvolgen`}
                  className="oma-inline-form"
                  key={`${formKey}-${f.id}`}
                >
                  <input type="hidden" name="intent" value="complete_follow_up" />
                  <input type="hidden" name="followUpId" value={f.id} />
                  <Button appearance="secondary" className="oma-small-button">
                    {tc.followUpDone}
                    <VisuallyHidden>: {formatDate(f.dueOn, locale)}</VisuallyHidden>
                  </Button>
                </AppForm>
              ),
            },
          ]}
        />
      )}
      {closed ? null : (
        <ActionForm
          intent="set_follow_up"
          section="opvolgen"
          errors={set?.errors}
          order={["followUpOn", "followUpNote"]}
        >
          <div key={formKey}>
            <Paragraph>{tc.followUpIntro}</Paragraph>
            <TextField
              name="followUpOn"
              type="date"
              label={tc.followUpOn}
              min={today}
              width="medium"
              defaultValue={set?.values.followUpOn}
              error={set?.errors.followUpOn}
            />
            <TextArea
              name="followUpNote"
              label={tc.followUpNote}
              rows={2}
              defaultValue={set?.values.followUpNote}
              error={set?.errors.followUpNote}
            />
            <Button type="submit" appearance="secondary">
              {tc.followUpSubmit}
            </Button>
          </div>
        </ActionForm>
      )}
    </section>
  );
}
