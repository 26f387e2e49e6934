import type { MetaFunction } from "@remix-run/node";
import { Heading, PageTitle, Paragraph } from "#app/components/ui";
import { OMBUDSMAN_PHONE } from "#app/config/contact";
import { interpolate, useT } from "#app/i18n/i18n";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["accessibility"], hydrate: false };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.accessibility.title);

export default function AccessibilityStatement() {
  const t = useT().accessibility;
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Paragraph lead>{t.intro}</Paragraph>
      <Heading level={2}>{t.statusHeading}</Heading>
      <Paragraph>{t.statusText}</Paragraph>
      <Heading level={2}>{t.knownHeading}</Heading>
      <Paragraph>{t.knownText}</Paragraph>
      <Heading level={2}>{t.contactHeading}</Heading>
      <Paragraph>{interpolate(t.contactText, { phone: OMBUDSMAN_PHONE })}</Paragraph>
    </>
  );
}
