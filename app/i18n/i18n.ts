import { useRouteLoaderData } from "@remix-run/react";
import type { Locale, Messages } from "./catalogue.server";

export type { Locale, Messages };

type RootI18n = { locale: Locale; messages: Messages };

/** The current page's messages, loaded once by the root loader for the visitor's language. */
export function useI18n(): RootI18n {
  const data = useRouteLoaderData<RootI18n>("root");
  if (!data) throw new Error("useI18n outside the root route's data");
  return { locale: data.locale, messages: data.messages };
}

export function useT(): Messages {
  return useI18n().messages;
}

export { countMessage, formatDate, formatDateTime, formatSize, interpolate } from "./format";
