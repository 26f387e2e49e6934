import { assignDossier } from "./assign.server";
import type { CommandScope, IssueCode } from "./command.server";

/** Why one dossier of a bulk assignment was not assigned: the policy's or the command's code. */
export type BulkRefusal = "not-found" | "forbidden" | IssueCode;
export type BulkResult = { assigned: string[]; refused: { number: string; code: BulkRefusal }[] };

/** At most one page of the queue at a time (and a little room for a longer selection). */
export const BULK_MAX = 100;

/**
 * Assigns each dossier through the one assign command, in turn: each is locked, checked against
 * the policy (a handler takes only unassigned ones), recorded and audited on its own, so one
 * refusal never undoes the others. Returns which were assigned and why the rest were not.
 */
export async function assignMany(
  scope: Omit<CommandScope, "number">,
  numbers: readonly string[],
  assigneeId: string,
): Promise<BulkResult> {
  const result: BulkResult = { assigned: [], refused: [] };
  for (const number of [...new Set(numbers)].slice(0, BULK_MAX)) {
    const outcome = await assignDossier({ ...scope, number }, { assigneeId });
    if (outcome.ok) result.assigned.push(number);
    else if (outcome.code === "invalid") result.refused.push({ number, code: outcome.issues[0]?.code ?? "closed" });
    else result.refused.push({ number, code: outcome.code });
  }
  return result;
}
