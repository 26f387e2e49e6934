import type { Widen } from "./sections/types";

/**
 * The page shown while the database cannot be reached. Kept out of catalogue.server.ts because it
 * must render without the root loader (whose data may be what failed), and it shows both languages:
 * without that data the visitor's choice is unknown.
 */
export const unavailableNl = {
  title: "De dienst is tijdelijk niet bereikbaar",
  text: "Door een storing bij ons kunnen we uw verzoek nu niet verwerken. Probeer het over een paar minuten opnieuw.",
  call: "Heeft u haast? Bel ons op {phone}.",
  tryAgain: "Opnieuw proberen",
  pageTitle: "Tijdelijk niet bereikbaar",
};

export const unavailableEn: Widen<typeof unavailableNl> = {
  title: "The service is temporarily unavailable",
  text: "Because of a fault on our side we cannot handle your request right now. Please try again in a few minutes.",
  call: "In a hurry? Call us on {phone}.",
  tryAgain: "Try again",
  pageTitle: "Temporarily unavailable",
};
