import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: [], hydrate: false };

/** Any address no other route matches: a 404 inside the normal page layout. */
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
