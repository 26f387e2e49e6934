import type { Widen } from "./types";

/** Signing in with a code from an authenticator app, and setting that second step up. */
export const accountNl = {
  pendingExpired: "Uw inlogpoging is verlopen of niet gevonden. Log opnieuw in met uw e-mailadres en wachtwoord.",
  codeLabel: "Code",
  codeHint: "Vul de 6 cijfers in uit uw authenticator-app.",
  codeRequired: "Vul de code in uit uw authenticator-app.",
  codeFormat: "De code bestaat uit 6 cijfers.",
  toHome: "Naar de werkomgeving",
  code: {
    title: "Vul de code in uit uw app",
    intro: "Uw wachtwoord is juist. Open nu de authenticator-app op uw telefoon en vul de code in die daar staat.",
    submit: "Inloggen",
    invalid: "Deze code is niet juist of is al gebruikt. Wacht tot de app een nieuwe code laat zien en vul die in.",
    noApp: "Heeft u uw telefoon niet bij u of werkt de app niet? Neem dan contact op met de functioneel beheerder.",
    otherAccount: "Inloggen met een ander account",
  },
  setup: {
    title: "Tweede stap bij het inloggen",
    required:
      "Voor de werkomgeving is een tweede stap bij het inloggen verplicht. Stel die nu in. Daarna bent u ingelogd.",
    intro:
      "Met de tweede stap vraagt de website bij het inloggen, na uw wachtwoord, om een code uit een app op uw telefoon. Zo kan niemand inloggen met alleen uw wachtwoord.",
    step1Heading: "1. Zorg voor een authenticator-app",
    step1:
      "Heeft u nog geen authenticator-app op uw telefoon? Installeer er dan een, bijvoorbeeld Microsoft Authenticator, Google Authenticator of FreeOTP.",
    step2Heading: "2. Zet de sleutel in de app",
    step2: "Kies in de app voor een account toevoegen en scan deze QR-code.",
    qrAlt: "QR-code met de sleutel voor uw authenticator-app. Lukt scannen niet? De sleutel staat hieronder.",
    manualKey:
      "Lukt scannen niet? Kies in de app voor een sleutel invoeren en typ deze sleutel over. Hoofdletters en spaties maken niet uit.",
    keyLabel: "Sleutel",
    openInApp: "Staat de app op dit apparaat? Open de sleutel dan direct in de app.",
    step3Heading: "3. Controleer de code",
    step3: "De app laat nu elke 30 seconden een nieuwe code van 6 cijfers zien. Vul de code in die er nu staat.",
    submit: "Tweede stap aanzetten",
    invalid:
      "Deze code is niet juist. Controleer of u de sleutel van deze pagina in de app heeft gezet, en vul de code in die de app nu laat zien.",
    expired: "Deze pagina was te lang open. Zet de nieuwe sleutel hieronder in de app en vul daarna de code in.",
  },
  enabled: {
    status:
      "De tweede stap staat aan sinds {date}. Bij het inloggen vraagt de website na uw wachtwoord om een code uit uw app.",
    statusNoDate:
      "De tweede stap staat aan. Bij het inloggen vraagt de website na uw wachtwoord om een code uit uw app.",
    justEnabled: "De tweede stap staat aan. Vanaf nu vraagt de website bij het inloggen om een code uit uw app.",
    lostPhone:
      "Heeft u een nieuwe telefoon of werkt de app niet meer? Neem dan contact op met de functioneel beheerder.",
    disableHeading: "Tweede stap uitzetten",
    disableText:
      "Dit kan alleen in de ingebouwde modus voor ontwikkeling en demonstratie. In productie is de tweede stap verplicht.",
    disableSubmit: "Tweede stap uitzetten",
  },
  disabled: {
    justDisabled: "De tweede stap staat uit. Bij het inloggen is uw wachtwoord weer genoeg.",
  },
  password: {
    title: "Wachtwoord wijzigen",
    intro:
      "Kies een nieuw wachtwoord van minstens {min} tekens. Een lange zin die u goed kunt onthouden is sterker dan een kort woord met cijfers en tekens.",
    current: "Huidig wachtwoord",
    next: "Nieuw wachtwoord",
    nextHint: "Minstens {min} tekens.",
    repeat: "Herhaal het nieuwe wachtwoord",
    submit: "Wachtwoord wijzigen",
    changed: "Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd.",
    currentRequired: "Vul uw huidige wachtwoord in.",
    wrongCurrent: "Dit is niet uw huidige wachtwoord.",
    throttled: "Te veel mislukte pogingen. Wacht {minutes} minuten en probeer het dan opnieuw.",
    throttledOneMinute: "Te veel mislukte pogingen. Wacht 1 minuut en probeer het dan opnieuw.",
    nextRequired: "Vul een nieuw wachtwoord in.",
    nextTooShort: "Het nieuwe wachtwoord moet minstens {min} tekens hebben.",
    nextTooLong: "Het nieuwe wachtwoord mag hoogstens {max} tekens hebben.",
    sameAsCurrent: "Het nieuwe wachtwoord is hetzelfde als het huidige. Kies een ander wachtwoord.",
    repeatRequired: "Herhaal het nieuwe wachtwoord.",
    repeatMismatch: "De twee nieuwe wachtwoorden zijn niet hetzelfde.",
  },
};

export const accountEn: Widen<typeof accountNl> = {
  pendingExpired:
    "Your sign-in attempt has expired or was not found. Sign in again with your e-mail address and password.",
  codeLabel: "Code",
  codeHint: "Enter the 6 digits from your authenticator app.",
  codeRequired: "Enter the code from your authenticator app.",
  codeFormat: "The code is 6 digits.",
  toHome: "To the workspace",
  code: {
    title: "Enter the code from your app",
    intro: "Your password is correct. Now open the authenticator app on your phone and enter the code it shows.",
    submit: "Sign in",
    invalid: "This code is incorrect or has already been used. Wait until the app shows a new code and enter that one.",
    noApp: "Don't have your phone with you, or is the app not working? Please contact the application manager.",
    otherAccount: "Sign in with another account",
  },
  setup: {
    title: "Second sign-in step",
    required: "The workspace requires a second step when you sign in. Set it up now. After that you are signed in.",
    intro:
      "With the second step, the website asks for a code from an app on your phone after your password. That way nobody can sign in with just your password.",
    step1Heading: "1. Get an authenticator app",
    step1:
      "No authenticator app on your phone yet? Install one, for example Microsoft Authenticator, Google Authenticator or FreeOTP.",
    step2Heading: "2. Add the key to the app",
    step2: "In the app, choose to add an account and scan this QR code.",
    qrAlt: "QR code with the key for your authenticator app. Can't scan it? The key is shown below.",
    manualKey:
      "Can't scan it? In the app, choose to enter a key and type in this key. Capitals and spaces do not matter.",
    keyLabel: "Key",
    openInApp: "Is the app on this device? Then open the key in the app directly.",
    step3Heading: "3. Check the code",
    step3: "The app now shows a new 6-digit code every 30 seconds. Enter the code it shows now.",
    submit: "Turn on the second step",
    invalid:
      "This code is incorrect. Check that you added the key from this page to the app, and enter the code the app shows now.",
    expired: "This page was open for too long. Add the new key below to the app, then enter the code.",
  },
  enabled: {
    status:
      "The second step has been on since {date}. When you sign in, the website asks for a code from your app after your password.",
    statusNoDate:
      "The second step is on. When you sign in, the website asks for a code from your app after your password.",
    justEnabled: "The second step is on. From now on the website asks for a code from your app when you sign in.",
    lostPhone: "Got a new phone, or is the app no longer working? Please contact the application manager.",
    disableHeading: "Turn off the second step",
    disableText:
      "This is only possible in the embedded mode for development and demonstrations. In production the second step is required.",
    disableSubmit: "Turn off the second step",
  },
  disabled: {
    justDisabled: "The second step is off. Your password is enough to sign in again.",
  },
  password: {
    title: "Change password",
    intro:
      "Choose a new password of at least {min} characters. A long sentence you can remember is stronger than a short word with digits and symbols.",
    current: "Current password",
    next: "New password",
    nextHint: "At least {min} characters.",
    repeat: "Repeat the new password",
    submit: "Change password",
    changed: "Your password has been changed. You have been signed out on other devices.",
    currentRequired: "Enter your current password.",
    wrongCurrent: "This is not your current password.",
    throttled: "Too many failed attempts. Wait {minutes} minutes and try again.",
    throttledOneMinute: "Too many failed attempts. Wait 1 minute and try again.",
    nextRequired: "Enter a new password.",
    nextTooShort: "The new password must have at least {min} characters.",
    nextTooLong: "The new password may have at most {max} characters.",
    sameAsCurrent: "The new password is the same as the current one. Choose another password.",
    repeatRequired: "Repeat the new password.",
    repeatMismatch: "The two new passwords are not the same.",
  },
};
