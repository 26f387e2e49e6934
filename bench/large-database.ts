import { seedReferenceData } from "#app/seed.server";
import { openDatabase, type DatabaseHandle } from "#db/client";
import { migrate } from "#db/migrate";
import { createUser } from "#test/support/factories";

/**
 * A new, migrated benchmark database `name` on the server at `serverUrl` (dropped first if it is
 * there), with the reference data, 20 case handlers and a coordinator. Kept afterwards for inspection.
 */
export async function freshBenchDatabase(serverUrl: string, name: string, poolSize: number) {
  const admin = await openDatabase({
    kind: "postgres",
    url: Object.assign(new URL(serverUrl), { pathname: "/postgres" }).toString(),
    poolSize: 1,
  });
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.close();
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const handle = await openDatabase({ kind: "postgres", url, poolSize });
  await migrate(handle);
  await seedReferenceData(handle.db);
  const handlerIds: string[] = [];
  for (let i = 0; i < 20; i++)
    handlerIds.push(
      (await createUser(handle.db, { role: "case_handler", email: `handler${i}@bench.test`, password: "x" })).id,
    );
  const coordinator = await createUser(handle.db, {
    role: "coordinator",
    email: "coordinator@bench.test",
    password: "x",
  });
  return { handle, url, handlerIds, coordinatorId: coordinator.id };
}

/**
 * A large database generated inside the server, for the benchmarks that need one (the queue, the
 * portal list): `count` dossiers over three years, about 8 % still open, each with a complainant,
 * first-line facts and two events, spread over the eight municipalities and `handlerIds`.
 */
export async function insertDossiers(handle: DatabaseHandle, count: number, handlerIds: string[]): Promise<void> {
  // Three years of dossiers; about 8% still open, the rest closed. Generated inside the server.
  await handle.query(
    `INSERT INTO dossiers (number, year, sequence, municipality_id, status, channel, locale, topic, complaint_text, incident_place, incident_date,
                           by_representative, submitted_at, contact_due_on, first_contact_at, handling_due_on, assignee_id, complainant_name, closed_at)
     SELECT 'OMA-' || y || '-' || lpad(seq::text, 5, '0'), y, seq,
            (ARRAY['amsterdam','almere','amstelveen','diemen','landsmeer','waterland','ouder-amstel','zaanstad'])[1 + (g % 8)],
            (CASE WHEN g % 100 < 92 THEN 'closed'
                  ELSE (ARRAY['received','intake','intervention','mediation','investigation'])[1 + (g % 5)] END)::dossier_status,
            'online', 'nl', 'conduct', 'Klacht ' || g, 'Stadsloket', (sub::date - 20),
            false, sub, (sub AT TIME ZONE 'Europe/Amsterdam')::date + 14,
            CASE WHEN g % 100 < 92 OR g % 3 <> 0 THEN sub + interval '5 days' END,
            (sub AT TIME ZONE 'Europe/Amsterdam')::date + 91,
            CASE WHEN g % 7 = 0 THEN NULL ELSE ($1::uuid[])[1 + (g % 20)] END,
            (ARRAY['Fatima','Jan','Sanne','Mohammed','Eva','Daan','Noor','Sem','Lotte','Bram'])[1 + (g % 10)] || ' '
              || (ARRAY['de Vries','Jansen','el Amrani','Bakker','Visser','Smit','Yilmaz','Meijer','de Boer','Mulder'])[1 + ((g / 10) % 10)] || ' ' || g,
            CASE WHEN g % 100 < 92 THEN sub + interval '60 days' END
       FROM (SELECT g,
                    now() - ((${count} - g) * (interval '3 years' / ${count})) AS sub,
                    extract(year FROM now() - ((${count} - g) * (interval '3 years' / ${count})))::int AS y,
                    row_number() OVER (PARTITION BY extract(year FROM now() - ((${count} - g) * (interval '3 years' / ${count}))) ORDER BY g)::int AS seq
               FROM generate_series(1, ${count}) AS g) s`,
    [`{${handlerIds.join(",")}}`],
  );
  await handle.query(
    `INSERT INTO dossier_parties (dossier_id, role, name, street, house_number, postcode, city, email, preferred_channel)
     SELECT id, 'complainant', complainant_name, 'Dam', '1', '1012 JS', 'Amsterdam', 'bewoner@example.nl', 'email' FROM dossiers`,
  );
  await handle.query(
    `INSERT INTO dossier_eligibility (dossier_id, complained_to_municipality, complaint_received_on, answered_on, handling_weeks, assessed_on,
                                      outcome, ground, nominal_deadline, handling_deadline, window_ends_on, skipped_days)
     SELECT id, true, submitted_at::date - 60, submitted_at::date - 10, 6, submitted_at::date, 'eligible', 'answered',
            submitted_at::date - 18, submitted_at::date - 18, submitted_at::date + 355, '[]'::jsonb FROM dossiers`,
  );
  await handle.query(
    `INSERT INTO dossier_events (dossier_id, at, type, details)
     SELECT id, submitted_at, 'submitted', '{"channel":"online"}'::jsonb FROM dossiers
     UNION ALL SELECT id, submitted_at + interval '1 minute', 'mail_queued', '{}'::jsonb FROM dossiers`,
  );
}
