import { renderToStaticMarkup } from "react-dom/server";
import { LOCALES, messagesFor, type Locale } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { RefusalContent, type RefusalWords } from "./refusal-content";

export type Refusal = "too_large" | "unsupported_type" | "bad_request";

const STATUS: Record<Refusal, number> = { too_large: 413, unsupported_type: 415, bad_request: 400 };

// The page has no scripts and no inline styles; only the site's own stylesheets.
const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.floor(bytes / (1024 * 1024))} MB`
    : `${Math.max(1, Math.floor(bytes / 1024))} KB`;
}

/** The words for a refusal in every language, the visitor's first. */
export function refusalWords(locale: Locale, refusal: Refusal, limit: number | null = null): RefusalWords[] {
  return [locale, ...LOCALES.filter((l) => l !== locale)].map((lang) => {
    const m = messagesFor(lang);
    const t = m.http;
    const { title, text } = {
      too_large: { title: t.tooLargeTitle, text: t.tooLargeText },
      unsupported_type: { title: t.unsupportedTitle, text: t.unsupportedText },
      bad_request: { title: t.badRequestTitle, text: t.badRequestText },
    }[refusal];
    const extra = refusal === "too_large" && limit !== null ? interpolate(t.limit, { size: formatBytes(limit) }) : null;
    return { lang, title, text, extra, backHome: m.errors.backHome };
  });
}

/**
 * A refusal a route throws (a form of the wrong type, an unreadable multipart body, a field
 * over its limit); the root error boundary shows its words.
 */
export function refusalError(
  request: Request,
  refusal: Refusal,
  detail: string,
  limit: number | null = null,
): Response {
  return Response.json(
    { refusal: refusalWords(getLocale(request), refusal, limit), detail },
    { status: STATUS[refusal], headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * The answer to a request the HTTP layer refuses before any route sees it: a page in both
 * languages, or `{ error }` in the visitor's words for the uploader, which shows such a
 * sentence as it is.
 */
export function refusalResponse(options: {
  refusal: Refusal;
  answer: "page" | "json";
  locale: Locale;
  limit?: number | null;
  stylesheets?: string[];
}): { status: number; headers: Record<string, string>; body: string } {
  const { refusal, answer, locale } = options;
  const limit = options.limit ?? null;
  const status = STATUS[refusal];
  if (answer === "json") {
    const t = messagesFor(locale).http;
    const error = {
      too_large: limit === null ? t.apiBadRequest : interpolate(t.apiTooLarge, { size: formatBytes(limit) }),
      unsupported_type: t.apiUnsupported,
      bad_request: t.apiBadRequest,
    }[refusal];
    return {
      status,
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
      body: JSON.stringify({ error }),
    };
  }
  const words = refusalWords(locale, refusal, limit);
  const service = messagesFor(locale).meta.titleSuffix;
  const html = renderToStaticMarkup(
    <html lang={locale} className="oma-theme">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${words[0]!.title} - ${service}`}</title>
        {(options.stylesheets ?? []).map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
      </head>
      <body className="utrecht-document utrecht-document--surface">
        <main id="inhoud" className="utrecht-page-content oma-container oma-main">
          <RefusalContent words={words} />
        </main>
      </body>
    </html>,
  );
  return {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": PAGE_CSP,
    },
    body: `<!DOCTYPE html>${html}`,
  };
}
