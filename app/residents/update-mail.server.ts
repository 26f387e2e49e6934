import { statusPageUrl } from "./paths";
import { eq } from "drizzle-orm";
import type { CommandRun, LockScope } from "#app/dossiers/casework/command.server";
import type { Locale } from "#app/i18n/format";
import { residentUpdateMail } from "#app/mail/resident-update.server";
import { enqueueMail } from "#app/mail/outbox.server";
import type { IsoDate } from "#app/utils/calendar-date";
import { dossierParties } from "#db/schema/index";

/**
 * The mail a resident gets when something changes that matters to them: the complaint taken up,
 * the first contact recorded, the way it is handled, the dossier closed with its outcome. Each
 * says what changed and what happens next, in the resident's language, with the status page;
 * internal steps (notes, assignment, the clock, documents not given to the resident) send none. Only the addressee is named.
 */

export type ResidentUpdate =
  | { code: "taken_up" }
  | { code: "contact"; on: IsoDate }
  | { code: "status"; to: "intervention" | "mediation" | "investigation" }
  | { code: "closed"; outcome: string | null }
  /** A question from the handler, with its due date. */
  | { code: "question"; questions: string; dueOn: IsoDate }
  /** A document the handler gave the resident to read (findings for comment, the report), by name. */
  | { code: "document"; fileName: string }
  /** A closed complaint taken up again. */
  | { code: "reopened" };

/**
 * Queues the update mail in the command's transaction, to the party the dossier reaches by
 * e-mail (the representative, or the complainant); a resident without e-mail gets none.
 */
export async function mailResidentUpdate(run: CommandRun<LockScope>, update: ResidentUpdate): Promise<boolean> {
  const { tx, dossier } = run;
  const parties = await tx
    .select({ role: dossierParties.role, name: dossierParties.name, email: dossierParties.email })
    .from(dossierParties)
    .where(eq(dossierParties.dossierId, dossier.id));
  const to = parties.find((p) => p.role === "representative" && p.email) ?? parties.find((p) => p.email);
  if (!to?.email) return false;
  const locale: Locale = dossier.locale === "en" ? "en" : "nl";
  const mail = residentUpdateMail(
    locale,
    {
      name: to.name,
      number: dossier.number,
      statusUrl: statusPageUrl(run.scope.ctx.services.env.publicUrl, dossier.number),
      dossier,
    },
    update,
  );
  await enqueueMail(tx, {
    to: to.email,
    ...mail,
    locale,
    kind: "resident_update",
    subjectType: "dossier",
    subjectId: dossier.id,
  });
  return true;
}
