/** Liveness: the process serves requests. Touches neither the database nor the storage, so an outage there never gets a healthy process restarted. */
export function loader() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
