import type { Widen } from "./types";

/** Resuming a complaint form later or on another device (/klacht/later-verder, /klacht/verder/…). */
export const resumeNl = {
  title: "Later verder met uw klacht",
  intro:
    "Wij sturen u een e-mail met een link. Met die link gaat u verder waar u was, ook op een ander apparaat. Uw antwoorden en bijlagen gaan mee. De link werkt één keer, zolang uw klacht bewaard blijft.",
  email: "E-mailadres",
  emailHint: "Wij gebruiken dit adres alleen voor deze link.",
  emailRequired: "Vul uw e-mailadres in.",
  emailInvalid: "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
  send: "Stuur mij de link",
  sent: "Wij hebben de link gestuurd. Open de e-mail op het apparaat waarop u verder wilt gaan.",
  tooMany:
    "Wij hebben u net al een link gestuurd. Kijk in uw e-mail (ook bij ongewenste e-mail) of probeer het over een uur opnieuw.",
  back: "Terug naar uw klacht",
  linkTitle: "Verder met uw klacht",
  linkIntro:
    "Met deze knop gaat u op dit apparaat verder met uw klacht. Op het apparaat waar u begon, kunt u daarna niet meer verder.",
  linkOpen: "Hier verder gaan",
  linkUsed: "Deze link is al gebruikt, of uw klacht is al verstuurd. Een link werkt maar één keer.",
  linkExpired: "Deze link is verlopen: uw klacht is niet meer bewaard. U kunt opnieuw beginnen.",
  linkUnknown: "Deze link werkt niet. Misschien is hij niet helemaal overgenomen.",
  againIntro:
    "Wilt u een nieuwe link? Vul het e-mailadres in dat u in uw klacht gaf. Staat er een klacht met dat adres klaar, dan sturen wij een nieuwe link.",
  againSend: "Stuur een nieuwe link",
  againSent:
    "Als er een klacht met dit e-mailadres klaarstaat, krijgt u binnen enkele minuten een e-mail met een nieuwe link.",
  startAgain: "Opnieuw beginnen met een klacht",
  mailSubject: "Verder met uw klacht bij de Ombudsman Metropool Amsterdam",
  mailText:
    "Beste lezer,\n\nMet deze link gaat u verder met uw klacht, ook op een ander apparaat:\n\n{link}\n\nDe link werkt één keer, tot en met {date}. Bent u niet bezig met een klacht bij de ombudsman? Dan kunt u deze e-mail negeren.\n\nMet vriendelijke groet,\nOmbudsman Metropool Amsterdam",
};

export const resumeEn: Widen<typeof resumeNl> = {
  title: "Continue your complaint later",
  intro:
    "We will send you an email with a link. With that link you continue where you were, also on another device. Your answers and attachments come along. The link works once, as long as your complaint is kept.",
  email: "Email address",
  emailHint: "We use this address only for this link.",
  emailRequired: "Enter your email address.",
  emailInvalid: "Enter a valid email address, for example name@example.com.",
  send: "Send me the link",
  sent: "We have sent the link. Open the email on the device on which you want to continue.",
  tooMany: "We just sent you a link. Check your email (including spam) or try again in an hour.",
  back: "Back to your complaint",
  linkTitle: "Continue your complaint",
  linkIntro:
    "With this button you continue your complaint on this device. On the device where you started, you can then no longer continue.",
  linkOpen: "Continue here",
  linkUsed: "This link has already been used, or your complaint has already been sent. A link works only once.",
  linkExpired: "This link has expired: your complaint is no longer kept. You can start again.",
  linkUnknown: "This link does not work. Perhaps it was not copied completely.",
  againIntro:
    "Do you want a new link? Enter the email address you gave in your complaint. If a complaint with that address is waiting, we will send a new link.",
  againSend: "Send a new link",
  againSent:
    "If a complaint with this email address is waiting, you will receive an email with a new link within a few minutes.",
  startAgain: "Start a new complaint",
  mailSubject: "Continue your complaint at the Ombudsman Metropool Amsterdam",
  mailText:
    "Dear reader,\n\nWith this link you continue your complaint, also on another device:\n\n{link}\n\nThe link works once, until {date}. Are you not filling in a complaint to the ombudsman? Then you can ignore this email.\n\nKind regards,\nOmbudsman Metropool Amsterdam",
};
