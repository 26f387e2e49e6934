import { z } from "zod";
import { addNote, NOTE_MAX } from "#app/dossiers/casework/note.server";
import { longText, type T } from "./fields.server";

export const noteSchema = (t: T) =>
  z.object({ intent: z.literal("add_note"), note: longText(t, NOTE_MAX, t.noteRequired) });

export const noteHandlers = { add_note: addNote };
