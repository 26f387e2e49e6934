import { z } from "zod";
import type { CommandScope } from "#app/dossiers/casework/command.server";
import { shareDossier } from "#app/dossiers/casework/share.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/format";
import { documentIds, type T } from "./fields.server";

/** The documents chosen: none, one or several checkboxes named `documents`, each a document id. */
export const shareSchema = (t: T) =>
  z.object({
    intent: z.literal("share"),
    documents: documentIds(t),
  });

/** The officers' mail, in the portal's first language: a link and no personal data. */
const shareMail = (officer: { name: string }, link: string) => {
  const t = messagesFor("nl").casework;
  return {
    subject: t.shareMailSubject,
    text: interpolate(t.shareMailText, { name: officer.name, link }),
  };
};

export const shareHandlers = {
  share: (scope: CommandScope, input: { documents: string[] }) =>
    shareDossier(scope, { attachmentIds: input.documents }, shareMail),
};
