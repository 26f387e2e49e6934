import type { MetaFunction } from "@remix-run/node";
import { Alert, ButtonLink, Heading, Link, ListItem, PageTitle, Paragraph, UnorderedList } from "#app/components/ui";
import { OMBUDSMAN_PHONE } from "#app/config/contact";
import { interpolate, useT } from "#app/i18n/i18n";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["start"], hydrate: false };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.start.title);

export default function StartPage() {
  const t = useT().start;
  const steps = [
    [t.step1Title, t.step1Text],
    [t.step2Title, t.step2Text],
    [t.step3Title, t.step3Text],
    [t.step4Title, t.step4Text],
    [t.step5Title, t.step5Text],
  ] as const;
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Paragraph lead>{t.intro}</Paragraph>

      <div className="oma-columns">
        <section aria-labelledby="kan-wel">
          <Heading level={2} id="kan-wel">
            {t.doesHeading}
          </Heading>
          <UnorderedList>
            <ListItem>{t.does1}</ListItem>
            <ListItem>{t.does2}</ListItem>
            <ListItem>{t.does3}</ListItem>
          </UnorderedList>
        </section>
        <section aria-labelledby="kan-niet">
          <Heading level={2} id="kan-niet">
            {t.doesNotHeading}
          </Heading>
          <UnorderedList>
            <ListItem>{t.doesNot1}</ListItem>
            <ListItem>{t.doesNot2}</ListItem>
            <ListItem>{t.doesNot3}</ListItem>
            <ListItem>{t.doesNot4}</ListItem>
          </UnorderedList>
        </section>
      </div>

      <Heading level={2}>{t.stepsHeading}</Heading>
      <ol className="oma-steps">
        {steps.map(([title, text]) => (
          <li key={title}>
            <Heading level={3}>{title}</Heading>
            <Paragraph>{text}</Paragraph>
          </li>
        ))}
      </ol>

      <Alert type="warning">
        <Paragraph>{t.shareWarning}</Paragraph>
      </Alert>

      <div className="oma-start-actions">
        <ButtonLink to="/klacht">{t.startButton}</ButtonLink>
        <Paragraph className="oma-hint">{t.duration}</Paragraph>
        <Paragraph>{interpolate(t.phoneAlternative, { phone: OMBUDSMAN_PHONE })}</Paragraph>
        <Paragraph>
          <Link to="/mijn-klacht">{t.followLink}</Link>
        </Paragraph>
      </div>
    </>
  );
}
