import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { safeRedirectPath } from "#app/auth/session.server";
import { isLocale, localeCookie } from "#app/i18n/locale.server";

/** The language switch: a plain link, so it works without JavaScript; returns to the same page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang");
  const back = safeRedirectPath(url.searchParams.get("terug"), "/");
  if (!isLocale(lang)) return redirect(back);
  return redirect(back, { headers: { "Set-Cookie": localeCookie(lang, context.services.env.isProduction) } });
}
