import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  type ShouldRevalidateFunction,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useContext, type ReactNode } from "react";
import { UNSAFE_DataRouterStateContext as DataRouterStateContext } from "react-router-dom";
import { getUser } from "#app/auth/session.server";
import { ButtonLink, Heading, Link, PageTitle, Paragraph } from "#app/components/ui";
import { OMBUDSMAN_PHONE, OMBUDSMAN_PHONE_HREF } from "#app/config/contact";
import { pageMessages } from "#app/i18n/catalogue.server";
import { interpolate, type Locale, type Messages } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { unavailableEn, unavailableNl } from "#app/i18n/unavailable";
import { RefusalContent, refusalWordsFrom } from "#app/http/refusal-content";
import { carriesErrors, SHOWS_ERRORS } from "#app/utils/meta";
import { useNonce } from "#app/utils/nonce";
import { hydratesWith } from "#app/utils/page-handle";
// The Utrecht components' CSS cut down to the classes the app uses (app/styles/purge-css.ts).
import utrechtCss from "#app/styles/utrecht.purged.css";
import themeCss from "#app/styles/theme.css";
import appCss from "#app/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: utrechtCss },
  { rel: "stylesheet", href: themeCss },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ error }) => [
  {
    title: isUnavailable(error)
      ? `${unavailableNl.pageTitle} / ${unavailableEn.pageTitle} – Ombudsman Metropool Amsterdam`
      : "Ombudsman Metropool Amsterdam",
  },
];

/** The database could not be reached (see app/utils/database-outage.server.ts). */
function isUnavailable(error: unknown): boolean {
  return isRouteErrorResponse(error) && error.status === 503;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const user = await getUser(request, context);
  return {
    locale,
    // Only the sections this page's routes use (app/utils/page-handle.ts), not the whole catalogue.
    messages: pageMessages(locale, context.pageSections ?? "all"),
    csrfToken: context.csrfToken,
    requestId: context.requestId,
    user: user ? { name: user.name, role: user.role } : null,
    showDevTools: !context.services.env.isProduction,
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

/**
 * Remix's <Meta />, with the root data it passes to meta functions marked when the page shows form
 * errors. A meta function sees only loader data, and errors mostly come from an action; this works
 * the same on the server (no JavaScript) and in the browser.
 */
function PageMeta() {
  const state = useContext(DataRouterStateContext);
  if (!state) return <Meta />;
  const shows = [...Object.values(state.actionData ?? {}), ...Object.values(state.loaderData)].some(carriesErrors);
  if (!shows) return <Meta />;
  const root = state.loaderData.root as Record<string, unknown> | undefined;
  const marked = { ...state, loaderData: { ...state.loaderData, root: { ...root, [SHOWS_ERRORS]: true } } };
  return (
    <DataRouterStateContext.Provider value={marked}>
      <Meta />
    </DataRouterStateContext.Provider>
  );
}

// The messages depend on the page: another page may need other sections, so every navigation reloads them.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || currentUrl.pathname !== nextUrl.pathname;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const nonce = useNonce();
  const matches = useMatches();
  // A page that needs no JavaScript is sent without scripts. In the browser (after a client-side
  // navigation from a page with scripts) they stay: removing them would not unload the app.
  const scripts = typeof document !== "undefined" || hydratesWith(matches.map((m) => m.handle));
  const locale: Locale = data?.locale ?? "nl";
  return (
    <html lang={locale} className="oma-theme">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <PageMeta />
        <Links />
      </head>
      <body className="utrecht-document utrecht-document--surface">
        {data ? <Shell data={data}>{children}</Shell> : <main id="inhoud">{children}</main>}
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

function Shell({ data, children }: { data: RootData; children: ReactNode }) {
  const t = data.messages;
  const location = useLocation();
  const back = location.pathname + location.search;
  // The back office works with wide tables: its pages use the screen's width, the residents' pages keep a reading width.
  const wide = /^\/behandelaar(\/|$)/.test(location.pathname);
  return (
    <div className={wide ? "utrecht-page-layout oma-page oma-page--wide" : "utrecht-page-layout oma-page"}>
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
        {t.layout.skipLink}
      </a>
      <header className="utrecht-page-header oma-header">
        <div className="oma-container oma-header__inner">
          <Link to="/" className="oma-logo">
            <span className="oma-logo__mark" aria-hidden="true">
              OMA
            </span>
            <span className="oma-logo__text">{t.meta.serviceName}</span>
            <span className="oma-visually-hidden">, {t.layout.homeLink}</span>
          </Link>
          <nav className="oma-header__nav" aria-label={t.layout.languageSwitchLabel}>
            <a
              className="utrecht-link"
              href={`/taal?lang=${t.layout.switchToLang}&terug=${encodeURIComponent(back)}`}
              lang={t.layout.switchToLang}
              hrefLang={t.layout.switchToLang}
            >
              {t.layout.switchTo}
            </a>
            {data.user ? (
              <>
                <span className="oma-header__user">{interpolate(t.layout.signedInAs, { name: data.user.name })}</span>
                <Link to="/account/wachtwoord">{t.layout.changePassword}</Link>
                <Link to="/uitloggen">{t.layout.signOut}</Link>
              </>
            ) : null}
          </nav>
        </div>
      </header>
      <main id="inhoud" className="utrecht-page-content oma-container oma-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="utrecht-page-footer oma-footer">
        <div className="oma-container">
          <h2 className="utrecht-heading-2 oma-footer__heading">{t.layout.footerHeading}</h2>
          <ul className="oma-footer__links">
            <li>
              <Link to="/privacyverklaring">{t.layout.privacy}</Link>
            </li>
            <li>
              <Link to="/toegankelijkheidsverklaring">{t.layout.accessibility}</Link>
            </li>
            <li>
              <Link to="/inloggen">{t.layout.signIn}</Link>
            </li>
            {data.showDevTools ? (
              <li>
                <Link to="/ontwikkeling/mailbox">{t.mailbox.title}</Link>
              </li>
            ) : null}
          </ul>
          <Paragraph>
            {interpolate(t.layout.contact, { phone: "" })}
            <a className="utrecht-link oma-footer__phone" href={OMBUDSMAN_PHONE_HREF}>
              {OMBUDSMAN_PHONE}
            </a>
          </Paragraph>
          <Paragraph>{t.layout.independent}</Paragraph>
        </div>
      </footer>
    </div>
  );
}

export default function App() {
  return <Outlet />;
}

// Used when the root loader itself failed, so no catalogue reached the page.
const FALLBACK: Pick<Messages["errors"], "errorTitle" | "errorText" | "backHome"> = {
  errorTitle: "Er is iets misgegaan / Something went wrong",
  errorText: "Probeer het later opnieuw of bel {phone}. / Please try again later or call {phone}.",
  backHome: "Naar de startpagina / To the start page",
};

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<RootData>("root");
  const t = data?.messages.errors;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (isUnavailable(error)) return <Unavailable />;
  if (t && status === 404) {
    return (
      <>
        <PageTitle>{t.notFoundTitle}</PageTitle>
        <Paragraph>{t.notFoundText}</Paragraph>
        <ButtonLink to="/">{t.backHome}</ButtonLink>
      </>
    );
  }
  if (t && status === 403) {
    const csrf = isRouteErrorResponse(error) && error.statusText === "CSRF";
    return (
      <>
        <PageTitle>{csrf ? t.csrfTitle : t.forbiddenTitle}</PageTitle>
        <Paragraph>{csrf ? t.csrfText : t.forbiddenText}</Paragraph>
        <ButtonLink to="/">{t.backHome}</ButtonLink>
      </>
    );
  }
  // A request refused for its body (app/http/) carries its own words: after a failed action there is no loader data.
  const refusal = isRouteErrorResponse(error) ? refusalWordsFrom(error.data) : null;
  if (refusal) return <RefusalContent words={refusal} />;
  const text = t ?? FALLBACK;
  return (
    <>
      <Heading level={1}>{text.errorTitle}</Heading>
      <Paragraph>{interpolate(text.errorText, { phone: OMBUDSMAN_PHONE })}</Paragraph>
      {t && data ? <Paragraph>{interpolate(t.reference, { requestId: data.requestId })}</Paragraph> : null}
      <Paragraph>
        <a className="utrecht-link" href="/">
          {text.backHome}
        </a>
      </Paragraph>
    </>
  );
}

// Needs nothing from the server: neither the root loader's data nor the database.
function Unavailable() {
  const location = useLocation();
  return (
    <>
      {(
        [
          ["nl", unavailableNl, 1],
          ["en", unavailableEn, 2],
        ] as const
      ).map(([lang, t, level]) => (
        <div lang={lang} key={lang}>
          <Heading level={level}>{t.title}</Heading>
          <Paragraph>{t.text}</Paragraph>
          <Paragraph>
            {t.call.split("{phone}")[0]}
            <a className="utrecht-link" href={OMBUDSMAN_PHONE_HREF}>
              {OMBUDSMAN_PHONE}
            </a>
            {t.call.split("{phone}")[1]}
          </Paragraph>
        </div>
      ))}
      <Paragraph>
        <a className="utrecht-link" href={location.pathname + location.search}>
          <span lang="nl">{unavailableNl.tryAgain}</span> / <span lang="en">{unavailableEn.tryAgain}</span>
        </a>
      </Paragraph>
    </>
  );
}
