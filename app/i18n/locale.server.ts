import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { LOCALES, type Locale } from "./catalogue.server";

export const LOCALE_COOKIE = "oma_lang";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as string[]).includes(value);
}

/** Dutch unless the visitor chose English with the language switch. */
export function getLocale(request: Request): Locale {
  const chosen = readCookie(request.headers.get("cookie"), LOCALE_COOKIE);
  return isLocale(chosen) ? chosen : "nl";
}

export function localeCookie(locale: Locale, secure: boolean): string {
  return serializeCookie(LOCALE_COOKIE, locale, { secure, maxAgeSeconds: 60 * 60 * 24 * 365, sameSite: "Lax" });
}
