import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Heading, Paragraph } from "#app/components/ui";
import { OMBUDSMAN_PHONE } from "#app/config/contact";
import { interpolate, useT, type Messages } from "#app/i18n/i18n";
import { getDraft } from "#app/intake/drafts.server";
import { canVisitExit, type ExitId, type StepId } from "#app/intake/journey";
import { exitForSlug, resumePath, stepPath } from "#app/routing/intake-paths";
import { assessAnswers, getMunicipality, journeyContextOf } from "#app/intake/reference.server";
import { rootMessages } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.exits"], hydrate: false };

/** The step whose answer led here, for "I gave a wrong answer". */
const ANSWERED_AT: Record<ExitId, StepId> = {
  otherOrganisation: "municipality",
  objection: "topic",
  publicSpace: "topic",
  damages: "topic",
  careProvider: "topic",
  court: "court",
  firstLine: "firstLine",
};

const NATIONAL_OMBUDSMAN = "https://www.nationaleombudsman.nl";
// A care provider's complaint procedure is its own, not the municipality's (Wkkgz): the national
// desk run for the health and youth care inspectorate explains where and how to complain.
const CARE_COMPLAINTS = "https://www.landelijkmeldpuntzorg.nl/";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const t = rootMessages(matches);
  if (!t || !data) return [{ title: "Ombudsman Metropool Amsterdam" }];
  return [{ title: `${t.intake.exits[data.exit].title} - ${t.meta.titleSuffix}` }];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const exit = exitForSlug(params.reden ?? "");
  if (!exit) throw new Response("Not Found", { status: 404 });
  const draft = await getDraft(request, context.services);
  if (!draft || draft.submittedAt) throw redirect("/klacht");
  const assessment = await assessAnswers(context.services, draft.answers);
  const ctx = journeyContextOf(assessment);
  if (!canVisitExit(exit, draft.answers, ctx)) throw redirect(resumePath(draft.answers, ctx));
  const municipality = draft.answers.municipalityId
    ? await getMunicipality(context.services.db, draft.answers.municipalityId)
    : null;
  return {
    exit,
    municipality: municipality
      ? {
          name: municipality.name,
          pages: {
            firstLine: municipality.complaintsUrl,
            objection: municipality.objectionUrl,
            publicSpace: municipality.publicSpaceReportUrl,
            damages: municipality.damagesUrl,
          } satisfies Partial<Record<ExitId, string>>,
        }
      : null,
    changePath: stepPath(ANSWERED_AT[exit]),
  };
}

export default function ExitPage() {
  const t = useT().intake.exits;
  const { exit, municipality, changePath } = useLoaderData<typeof loader>();
  const page = t[exit] as Messages["intake"]["exits"]["objection"] &
    Partial<Messages["intake"]["exits"]["otherOrganisation"]>;
  let link: { href: string; text: string } | null = null;
  if (exit === "otherOrganisation") link = { href: NATIONAL_OMBUDSMAN, text: t.otherOrganisation.linkText };
  else if (exit === "careProvider") link = { href: CARE_COMPLAINTS, text: t.careProvider.linkText };
  else if (exit !== "court" && municipality) {
    const linkText = exit === "firstLine" ? t.firstLine.linkText : page.linkText;
    link = { href: municipality.pages[exit], text: interpolate(linkText, { municipality: municipality.name }) };
  }
  return (
    <>
      <Heading level={1}>{page.title}</Heading>
      <Paragraph lead>{page.text}</Paragraph>
      {"next" in page && page.next ? <Paragraph>{page.next}</Paragraph> : null}
      {link ? (
        <Paragraph>
          <a
            className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
            href={link.href}
            rel="noopener noreferrer"
          >
            {link.text}
          </a>
        </Paragraph>
      ) : null}
      {"why" in page && page.why ? <Paragraph>{interpolate(page.why, { phone: OMBUDSMAN_PHONE })}</Paragraph> : null}
      {exit === "otherOrganisation" ? <Paragraph>{t.otherOrganisation.housing}</Paragraph> : null}
      <Paragraph>{interpolate(t.phone, { phone: OMBUDSMAN_PHONE })}</Paragraph>
      <Paragraph>
        <RemixLink className="utrecht-link" to={changePath}>
          {t.changeAnswer}
        </RemixLink>
      </Paragraph>
    </>
  );
}
