import type { Widen } from "./types";

/** Requests the HTTP layer refuses before a page sees them: too large, of the wrong kind, unreadable. */
export const httpNl = {
  tooLargeTitle: "Te veel gegevens verstuurd",
  tooLargeText:
    "U verstuurde meer dan deze pagina kan aannemen. Ga terug, maak de tekst korter of kies minder of kleinere bestanden, en probeer het opnieuw.",
  limit: "Deze pagina neemt hoogstens {size} aan.",
  unsupportedTitle: "Deze gegevens kunnen we niet verwerken",
  unsupportedText:
    "Deze pagina neemt alleen gegevens aan uit haar eigen formulier. Ga terug, vernieuw de pagina en vul het formulier opnieuw in.",
  badRequestTitle: "Dit verzoek kunnen we niet lezen",
  badRequestText:
    "Wat uw browser verstuurde, was onvolledig of beschadigd. Ga terug, vernieuw de pagina en probeer het opnieuw.",
  apiTooLarge: "Het verzoek is groter dan de {size} die hier kan. Vernieuw de pagina en probeer het opnieuw.",
  apiUnsupported: "Dit verzoek heeft niet de vorm die hier kan. Vernieuw de pagina en probeer het opnieuw.",
  apiBadRequest: "Dit verzoek kunnen we niet lezen. Vernieuw de pagina en probeer het opnieuw.",
};

export const httpEn: Widen<typeof httpNl> = {
  tooLargeTitle: "Too much data sent",
  tooLargeText:
    "You sent more than this page can take. Go back, shorten the text or choose fewer or smaller files, and try again.",
  limit: "This page takes at most {size}.",
  unsupportedTitle: "We cannot process this data",
  unsupportedText: "This page only takes data from its own form. Go back, refresh the page and fill in the form again.",
  badRequestTitle: "We cannot read this request",
  badRequestText: "What your browser sent was incomplete or damaged. Go back, refresh the page and try again.",
  apiTooLarge: "This request is larger than the {size} allowed here. Refresh the page and try again.",
  apiUnsupported: "This request does not have the form expected here. Refresh the page and try again.",
  apiBadRequest: "We cannot read this request. Refresh the page and try again.",
};
