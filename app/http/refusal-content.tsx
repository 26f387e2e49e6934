/**
 * What a refused request shows: the visitor's language first, the other below it. Shared by
 * the HTTP layer's own page and the root error boundary (a route that throws a refusal), which
 * has no loader data after a failed action and so takes the words from the thrown response.
 */

export type RefusalWords = { lang: string; title: string; text: string; extra: string | null; backHome: string };

export function refusalWordsFrom(data: unknown): RefusalWords[] | null {
  if (typeof data !== "object" || data === null || !("refusal" in data) || !Array.isArray(data.refusal)) return null;
  const words = data.refusal.filter(
    (w): w is RefusalWords =>
      typeof w === "object" &&
      w !== null &&
      typeof w.lang === "string" &&
      typeof w.title === "string" &&
      typeof w.text === "string" &&
      typeof w.backHome === "string",
  );
  return words.length > 0 ? words : null;
}

export function RefusalContent({ words }: { words: RefusalWords[] }) {
  const [first, ...others] = words;
  if (!first) return null;
  return (
    <>
      <div className="oma-page-title">
        <h1 className="utrecht-heading-1">{first.title}</h1>
      </div>
      <Words words={first} />
      {others.map((w) => (
        <section key={w.lang} lang={w.lang}>
          <h2 className="utrecht-heading-2">{w.title}</h2>
          <Words words={w} />
        </section>
      ))}
    </>
  );
}

function Words({ words }: { words: RefusalWords }) {
  return (
    <>
      <p className="utrecht-paragraph">{words.text}</p>
      {words.extra ? <p className="utrecht-paragraph">{words.extra}</p> : null}
      <p className="utrecht-paragraph">
        {/* A plain link: after a refused post the page is not part of the app's client-side state. */}
        <a className="utrecht-link" href="/">
          {words.backHome}
        </a>
      </p>
    </>
  );
}
