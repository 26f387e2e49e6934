import { and, eq, type SQL } from "drizzle-orm";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf, type IsoDate } from "#app/utils/calendar-date";
import type { RequestContext } from "#app/utils/services.server";
import type { Queryable, Transaction } from "#db/client";
import { dossierEvents, dossiers, type Dossier } from "#db/schema/index";
import { backOfficeScope, decideAct, type Act, type ActDecision, type UserActor } from "../scope.server";

/**
 * The actions a case handler or coordinator takes on a dossier, one module per command over
 * `runCommand`: it finds and locks the dossier row under the actor's back-office scope, checks
 * the act against the policy (`decideAct`), and writes the change, an append-only dossier event
 * and an audit row in one transaction: either all three exist or none does. A command returns a
 * result code; the route picks the HTTP answer and the words.
 */

export type CaseworkActor = UserActor & { name: string };
export type CommandContext = Pick<RequestContext, "services" | "clientIp" | "requestId">;
/** Who acts on which dossier. */
export type CommandScope = { ctx: CommandContext; actor: CaseworkActor; number: string };

/** Why a value was refused; `params` hold raw values (ISO dates, names, codes) the route puts into words. */
export type IssueCode =
  | "closed"
  | "date-in-future"
  | "date-before-submission"
  | "assignee-invalid"
  | "assignee-same"
  | "status-not-allowed"
  | "outcome-required"
  | "outcome-invalid"
  | "finding-required"
  | "finding-invalid"
  | "reason-required"
  | "reason-invalid"
  | "document-gone"
  | "document-ombudsman-only"
  | "file-required"
  | "pause-running"
  | "pause-overlaps"
  | "resume-not-running"
  | "resume-before-start"
  | "mail-no-address"
  | "mail-unfilled"
  | "request-not-shared"
  | "request-answered"
  | "request-gone"
  | "text-required"
  | "extension-pending"
  | "decision-taken"
  | "documents-full"
  | "question-open"
  | "question-answered"
  | "question-gone"
  | "link-self"
  | "link-unknown"
  | "link-exists"
  | "link-gone"
  | "follow-up-past"
  | "follow-up-gone"
  | "approval-pending"
  | "approval-gone"
  | "approval-own"
  | "approval-decided"
  | "approval-reason-required"
  | "not-closed";
export type Issue = { field: string; code: IssueCode; params?: Record<string, string> };

/** `not-found`: outside the actor's scope (answered as if it did not exist); `forbidden`: an act the policy refuses. */
export type Refusal = { ok: false; code: "not-found" | "forbidden" };
export type Invalid = { ok: false; code: "invalid"; issues: Issue[] };
export type CommandResult = { ok: true } | Refusal | Invalid;

export const OK = { ok: true } as const;
export const invalid = (...issues: Issue[]): Invalid => ({ ok: false, code: "invalid", issues });
export const issue = (field: string, code: IssueCode, params?: Record<string, string>): Invalid =>
  invalid(params ? { field, code, params } : { field, code });
export const closed = (field: string): Invalid => issue(field, "closed");

/**
 * Whoever acts on a dossier under `runLocked`: staff and officers are users; a resident acting
 * through their link has no user row (`id` null), so events and audit rows name the role only.
 */
export type LockScope = {
  ctx: CommandContext;
  actor: { id: string | null; role: string; name: string };
  number: string;
};

/** What a command's work gets: the transaction, the locked dossier and the way to record what happened. */
export type CommandRun<S extends LockScope = CommandScope> = {
  tx: Transaction;
  dossier: Dossier;
  scope: S;
  today: IsoDate;
  now: Date;
  /**
   * The dossier event (the history staff read, with names and dates) and the audit row (who did
   * what from where). The audit row outlives the dossier's personal data, so it gets only ids and codes.
   */
  record(type: string, details: Record<string, unknown>, auditDetails: Record<string, unknown>): Promise<void>;
};

/**
 * Runs `work` with the dossier row locked, so two people acting at once are put in order; the
 * dossier is looked up under the actor's back-office scope, and the act must be one they may do.
 */
export function runCommand<R extends CommandResult>(
  scope: CommandScope,
  work: (run: CommandRun) => Promise<R>,
  act: Act = { type: "work" },
): Promise<R | Refusal> {
  return runLocked(scope, backOfficeScope(scope.actor).dossiers, work, (dossier) =>
    decideAct(scope.actor, act, dossier),
  );
}

/**
 * The lock, the look-up under `where` (the actor's scope) and the recording, for any actor who
 * acts on a dossier: staff through `runCommand`, a municipality officer through the portal's.
 */
export function runLocked<R extends CommandResult, S extends LockScope = CommandScope>(
  scope: S,
  where: SQL,
  work: (run: CommandRun<S>) => Promise<R>,
  decide: (dossier: Dossier) => ActDecision = () => "allowed",
): Promise<R | Refusal> {
  const { ctx, actor } = scope;
  return ctx.services.db.transaction(async (tx) => {
    const [dossier] = await tx
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.number, scope.number), where))
      .for("update");
    if (!dossier) return { ok: false, code: "not-found" } as const;
    const decision = decide(dossier);
    if (decision !== "allowed")
      return { ok: false, code: decision === "forbidden" ? "forbidden" : "not-found" } as const;
    const now = ctx.services.now();
    const record: CommandRun<S>["record"] = async (type, details, auditDetails) => {
      await tx
        .insert(dossierEvents)
        .values({ dossierId: dossier.id, at: ctx.services.now(), actorUserId: actor.id, type, details });
      await audit(tx, ctx, actor, {
        action: `dossier.${type}`,
        subjectType: "dossier",
        subjectId: dossier.id,
        details: { number: dossier.number, ...auditDetails },
      });
    };
    return work({ tx, dossier, scope, today: amsterdamDateOf(now), now, record });
  });
}

/** The dossier's id and status, when the actor's back-office scope holds it. */
export async function findTarget(db: Queryable, scope: Pick<CommandScope, "actor" | "number">) {
  const [target] = await db
    .select({ id: dossiers.id, status: dossiers.status })
    .from(dossiers)
    .where(and(eq(dossiers.number, scope.number), backOfficeScope(scope.actor).dossiers));
  return target ?? null;
}

/** A date of something that already happened on this dossier: not in the future, not before the submission. */
export function pastDateIssue(
  run: Pick<CommandRun, "dossier" | "today">,
  field: string,
  date: IsoDate,
): Invalid | null {
  if (date > run.today) return issue(field, "date-in-future");
  const submittedOn = amsterdamDateOf(run.dossier.submittedAt);
  if (date < submittedOn) return issue(field, "date-before-submission", { date: submittedOn });
  return null;
}
