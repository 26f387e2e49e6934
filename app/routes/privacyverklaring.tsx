import type { MetaFunction } from "@remix-run/node";
import { Heading, PageTitle, Paragraph } from "#app/components/ui";
import { useT } from "#app/i18n/i18n";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["privacy"], hydrate: false };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.privacy.title);

export default function PrivacyStatement() {
  const t = useT().privacy;
  const sections = [
    [t.whatHeading, t.whatText],
    [t.whyHeading, t.whyText],
    [t.keepHeading, t.keepText],
    [t.accessHeading, t.accessText],
    [t.rightsHeading, t.rightsText],
  ] as const;
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Paragraph lead>{t.intro}</Paragraph>
      {sections.map(([heading, text]) => (
        <section key={heading}>
          <Heading level={2}>{heading}</Heading>
          <Paragraph>{text}</Paragraph>
        </section>
      ))}
    </>
  );
}
