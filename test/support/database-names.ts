/** The database every test run creates its copies from (per process, so parallel runs do not collide). */
export function templateDatabaseName(): string {
  return `oma_test_template_${process.pid}`;
}

/** The same server, connected to the maintenance database, for CREATE/DROP DATABASE. */
export function adminUrlFor(url: string): string {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
