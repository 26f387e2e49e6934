import { useEffect, useState } from "react";
import { interpolate, useT } from "#app/i18n/i18n";
import { countCharacters } from "#app/intake/text";

/**
 * "123 van 2000 tekens" under the complaint text. Rendered by the server with the saved text,
 * so it is right without JavaScript; with JavaScript it follows the typing, and a screen
 * reader hears the count once the typing pauses.
 */
export function CharacterCount({
  id,
  initial,
  max,
  fieldId,
}: {
  id: string;
  initial: string;
  max: number;
  fieldId: string;
}) {
  const t = useT().intake.complaint;
  const [count, setCount] = useState(() => countCharacters(initial));
  const [announced, setAnnounced] = useState("");

  useEffect(() => {
    const field = document.getElementById(fieldId) as HTMLTextAreaElement | null;
    if (!field) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      const n = countCharacters(field.value);
      setCount(n);
      clearTimeout(timer);
      timer = setTimeout(() => setAnnounced(message(n)), 1000);
    };
    update();
    field.addEventListener("input", update);
    return () => {
      field.removeEventListener("input", update);
      clearTimeout(timer);
    };
    // message depends only on the language, which does not change while typing
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldId]);

  function message(n: number) {
    return n > max
      ? interpolate(n - max === 1 ? t.counterOverOne : t.counterOver, { count: n, max, over: n - max })
      : interpolate(t.counter, { count: n, max });
  }

  return (
    <>
      <p id={id} className={`utrecht-form-field-description oma-counter${count > max ? " oma-counter--over" : ""}`}>
        {message(count)}
      </p>
      <div className="oma-visually-hidden" aria-live="polite">
        {announced}
      </div>
    </>
  );
}
