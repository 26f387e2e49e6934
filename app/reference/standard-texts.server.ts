import { and, eq } from "drizzle-orm";
import type { Database, Queryable } from "#db/client";
import { standardTexts } from "#db/schema/index";
import { MAIL_TEMPLATES, type MailTemplate } from "#app/dossiers/casework/mail.server";
import type { Locale, Messages } from "#app/i18n/catalogue.server";
import { audit } from "#app/utils/audit.server";
import type { RequestContext } from "#app/utils/services.server";
import { mayEditReference, type ReferenceActor } from "./actor.server";

export type MailText = { subject: string; body: string };
export type MailTexts = Record<MailTemplate, MailText & { overridden: boolean }>;

/**
 * The standard mail texts in one language: the coordinator's wording where there is one, else
 * the catalogue's. The dossier page starts a mail from these (placeholders still unfilled).
 */
export async function mailTexts(db: Queryable, locale: Locale, messages: Messages): Promise<MailTexts> {
  const rows = await db.select().from(standardTexts).where(eq(standardTexts.locale, locale));
  const own = new Map(rows.map((r) => [r.template, r]));
  return Object.fromEntries(
    MAIL_TEMPLATES.map((template) => {
      const row = own.get(template);
      const text = messages.casework.mailTemplates[template];
      return [
        template,
        row
          ? { subject: row.subject, body: row.body, overridden: true }
          : { subject: text.subject, body: text.body, overridden: false },
      ];
    }),
  ) as MailTexts;
}

export type TextInput = { template: MailTemplate; locale: Locale } & ({ reset: true } | ({ reset: false } & MailText));
export type TextResult = { ok: true; changed: boolean } | { ok: false; code: "forbidden" };

/**
 * Saves a coordinator's wording of a standard text, or (reset) goes back to the catalogue's;
 * audited with the text before and after. The same text again is no change.
 */
export async function saveStandardText(
  ctx: Pick<RequestContext, "clientIp" | "requestId"> & { services: { db: Database } },
  actor: ReferenceActor,
  catalogue: MailText,
  input: TextInput,
): Promise<TextResult> {
  if (!mayEditReference(actor)) return { ok: false, code: "forbidden" };
  const key = and(eq(standardTexts.template, input.template), eq(standardTexts.locale, input.locale));
  return ctx.services.db.transaction(async (tx) => {
    const [row] = await tx.select().from(standardTexts).where(key).for("update");
    const before = row ? { subject: row.subject, body: row.body } : null;
    // Saving the catalogue's own words is the same as having no override.
    const same = !input.reset && input.subject === catalogue.subject && input.body === catalogue.body;
    const after = input.reset || same ? null : { subject: input.subject, body: input.body };
    if (JSON.stringify(before) === JSON.stringify(after)) return { ok: true, changed: false } as const;
    if (after === null) await tx.delete(standardTexts).where(key);
    else
      await tx
        .insert(standardTexts)
        .values({ template: input.template, locale: input.locale, ...after, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: [standardTexts.template, standardTexts.locale],
          set: { ...after, updatedBy: actor.id, updatedAt: new Date() },
        });
    await audit(tx, ctx, actor, {
      action: "reference.text_changed",
      subjectType: "standard_text",
      subjectId: `${input.template}:${input.locale}`,
      details: { template: input.template, locale: input.locale, before, after },
    });
    return { ok: true, changed: true } as const;
  });
}
