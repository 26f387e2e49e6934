import { dossierNotes } from "#db/schema/index";
import { OK, runCommand, type CommandScope } from "./command.server";

export const NOTE_MAX = 5000;

export type NoteInput = { note: string };

/** An internal note; the only action still open on a closed dossier. */
export function addNote(scope: CommandScope, input: NoteInput) {
  return runCommand(scope, async ({ tx, dossier, record }) => {
    const [note] = await tx
      .insert(dossierNotes)
      .values({ dossierId: dossier.id, body: input.note, authorId: scope.actor.id })
      .returning({ id: dossierNotes.id });
    if (!note) throw new Error("note insert returned nothing");
    await record("note_added", { noteId: note.id }, { noteId: note.id });
    return OK;
  });
}
