/** The dossier page's actions, as posted in the form's `intent` and shown back in `?gedaan=`. */
export const INTENTS = [
  "assign",
  "record_contact",
  "change_status",
  "add_note",
  "add_document",
  "set_visibility",
  "pause_clock",
  "resume_clock",
  "send_mail",
  "share",
  "send_request",
  "decide_extension",
  "decide_confidentiality",
  "ask_resident",
  "register_answer",
  "mark_news_seen",
  "share_with_resident",
  "link_dossier",
  "unlink_dossier",
  "set_follow_up",
  "complete_follow_up",
  "decide_approval",
  "reopen",
  "send_closing_letter",
] as const;
export type Intent = (typeof INTENTS)[number];

export function isIntent(value: unknown): value is Intent {
  return typeof value === "string" && (INTENTS as readonly string[]).includes(value);
}

/** What `?gedaan=` may say: an intent done, or a change that now waits for a coordinator. */
export type Done = Intent | "approval_requested";
export function isDone(value: unknown): value is Done {
  return value === "approval_requested" || isIntent(value);
}
