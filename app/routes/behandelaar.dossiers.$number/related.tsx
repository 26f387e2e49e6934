import { useLoaderData } from "@remix-run/react";
import { DataTable } from "#app/components/data-table";
import { AppForm, TextArea, TextField } from "#app/components/forms";
import { Button, Heading, Link, Paragraph, VisuallyHidden } from "#app/components/ui";
import { formatDate, formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { ActionForm, dossierPath, type FormState } from "./action-form";
import type { Intent } from "./intents";
import type { loader } from "./route";

/**
 * Related dossiers: the complainant's other dossiers (found by address, or name and postcode),
 * the dossiers a handler linked with a reason (each can be unlinked), and the form to link one.
 */
export function RelatedSection({ formFor, formKey }: { formFor: (intent: Intent) => FormState; formKey: string }) {
  const { messages, locale } = useI18n();
  const tc = messages.casework;
  const statuses = messages.dossier.statuses;
  const { dossier, related } = useLoaderData<typeof loader>();
  const link = formFor("link_dossier");
  const unlink = formFor("unlink_dossier");
  const numberLink = (number: string) => <Link to={dossierPath(number)}>{number}</Link>;
  return (
    <section aria-labelledby="verwant-kop" id="verwant">
      <Heading level={2} id="verwant-kop">
        {tc.relatedHeading}
      </Heading>
      <Heading level={3}>{tc.relatedSameResident}</Heading>
      <Paragraph className="oma-hint">{tc.relatedSameResidentHint}</Paragraph>
      {related.sameResident.length === 0 ? (
        <Paragraph>{tc.relatedNone}</Paragraph>
      ) : (
        <DataTable
          caption={interpolate(tc.relatedCaption, { number: dossier.number })}
          rows={related.sameResident}
          rowKey={(r) => r.id}
          columns={[
            { key: "number", header: tc.relatedColNumber, cell: (r) => numberLink(r.number) },
            { key: "municipality", header: tc.relatedColMunicipality, cell: (r) => r.municipality },
            { key: "status", header: tc.relatedColStatus, cell: (r) => statuses[r.status] },
            {
              key: "submitted",
              header: tc.relatedColSubmitted,
              cell: (r) => formatDate(amsterdamDateOf(new Date(r.submittedAt)), locale),
            },
            {
              key: "match",
              header: tc.relatedColMatch,
              cell: (r) => (r.byAddress ? tc.relatedByAddress : tc.relatedByName),
            },
          ]}
        />
      )}

      {related.moreSameResident ? (
        <Paragraph>{interpolate(tc.relatedMore, { max: related.sameResident.length })}</Paragraph>
      ) : null}
      <Heading level={3}>{tc.linkedHeading}</Heading>
      {unlink?.errors ? (
        <Paragraph className="utrecht-form-field-error-message">{Object.values(unlink.errors)[0]}</Paragraph>
      ) : null}
      {related.linked.length === 0 ? (
        <Paragraph>{tc.linkedNone}</Paragraph>
      ) : (
        <DataTable
          caption={interpolate(tc.linkedCaption, { number: dossier.number })}
          rows={related.linked}
          rowKey={(r) => r.linkId}
          columns={[
            { key: "number", header: tc.relatedColNumber, cell: (r) => numberLink(r.number) },
            { key: "status", header: tc.relatedColStatus, cell: (r) => statuses[r.status] },
            {
              key: "reason",
              header: tc.linkedColReason,
              cell: (r) => <span className="utrecht-multiline-data">{r.reason}</span>,
            },
            {
              key: "by",
              header: tc.linkedColBy,
              cell: (r) => `${r.linkedBy ?? ""}, ${formatDateTime(r.linkedAt, locale)}`,
            },
            {
              key: "unlink",
              header: <VisuallyHidden>{tc.unlink}</VisuallyHidden>,
              cell: (r) => (
                <AppForm
                  action={`${dossierPath(dossier.number)}#verwant`}
                  className="oma-inline-form"
                  key={`${formKey}-${r.linkId}`}
                >
                  <input type="hidden" name="intent" value="unlink_dossier" />
                  <input type="hidden" name="linkId" value={r.linkId} />
                  <Button appearance="secondary" className="oma-small-button">
                    {tc.unlink}
                    <VisuallyHidden>: {r.number}</VisuallyHidden>
                  </Button>
                </AppForm>
              ),
            },
          ]}
        />
      )}

      <Heading level={3}>{tc.linkFormHeading}</Heading>
      <ActionForm intent="link_dossier" section="verwant" errors={link?.errors} order={["relatedNumber", "linkReason"]}>
        <div key={formKey}>
          <TextField
            name="relatedNumber"
            label={tc.linkNumber}
            description={tc.linkNumberHint}
            width="medium"
            autoComplete="off"
            spellCheck={false}
            defaultValue={link?.values.relatedNumber}
            error={link?.errors.relatedNumber}
          />
          <TextArea
            name="linkReason"
            label={tc.linkReason}
            description={tc.linkReasonHint}
            rows={3}
            defaultValue={link?.values.linkReason}
            error={link?.errors.linkReason}
          />
          <Button type="submit" appearance="secondary">
            {tc.linkSubmit}
          </Button>
        </div>
      </ActionForm>
    </section>
  );
}
