import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "#app/utils/audit.server";
import type { Queryable } from "#db/client";
import { municipalities, userRole, users, type UserRole } from "#db/schema/index";
import { hashPassword } from "./password.server";
import { SECOND_FACTOR_ROLES } from "./login.server";
import { sealTotpSecret, type TotpKeyring } from "./totp-secrets.server";
import { generateSecret, otpauthUri, totpStep } from "./totp.server";

/**
 * Accounts made by an administrator (`npm run account:add`), the only way to make one outside
 * the embedded demo. Every account that sees case files (staff and municipality officers) gets
 * its second factor here, at creation: the secret goes to the administrator with the password,
 * so no one can sign in with the password alone and enrol an authenticator of their own before
 * the owner does.
 */

export const NewAccountSchema = z
  .object({
    email: z.string().trim().toLowerCase().email("an e-mail address, like naam@ombudsman.example"),
    name: z.string().trim().min(2, "a name of at least 2 characters").max(200),
    role: z.enum(userRole.enumValues, { message: `one of ${userRole.enumValues.join(", ")}` }),
    municipality: z.string().trim().min(1).optional(),
    /** Leave the second factor to the first sign-in (embedded and test set-ups). */
    withoutTotp: z.boolean().default(false),
  })
  .superRefine((input, ctx) => {
    if (input.role === "municipality_officer" && !input.municipality) {
      ctx.addIssue({
        code: "custom",
        path: ["municipality"],
        message: "a municipality officer belongs to one municipality (its id, like amsterdam)",
      });
    }
    if (input.role !== "municipality_officer" && input.municipality) {
      ctx.addIssue({
        code: "custom",
        path: ["municipality"],
        message: "only a municipality officer belongs to a municipality",
      });
    }
  });

export type NewAccount = z.input<typeof NewAccountSchema>;

export type CreatedAccount = {
  id: string;
  email: string;
  role: UserRole;
  /** Shown once; only its argon2id hash is stored. */
  password: string;
  /** The authenticator's secret and its otpauth:// address (for a QR code), shown once; only sealed in the database. */
  totp: { secret: string; uri: string } | null;
};

export class AccountError extends Error {
  override name = "AccountError";
}

/** Creates an active account, audited; throws AccountError with every problem of the input in one message. */
export async function addAccount(
  db: Queryable,
  input: NewAccount,
  { keyring, now = new Date() }: { keyring: TotpKeyring; now?: Date },
): Promise<CreatedAccount> {
  const parsed = NewAccountSchema.safeParse(input);
  if (!parsed.success) {
    throw new AccountError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; "),
    );
  }
  const { email, name, role, municipality, withoutTotp } = parsed.data;

  if (municipality) {
    const [found] = await db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(eq(municipalities.id, municipality));
    if (!found) throw new AccountError(`municipality: no municipality with id "${municipality}"`);
  }
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) throw new AccountError(`email: an account for ${email} exists already`);

  const password = randomBytes(18).toString("base64url");
  const needsSecondFactor = (SECOND_FACTOR_ROLES as readonly UserRole[]).includes(role);
  const totpSecret = needsSecondFactor && !withoutTotp ? generateSecret() : null;
  // The id is chosen here: the sealed secret is bound to it.
  const id = randomUUID();
  const [row] = await db
    .insert(users)
    .values({
      id,
      email,
      name,
      role,
      municipalityId: municipality ?? null,
      passwordHash: await hashPassword(password),
      totpSecret: totpSecret ? sealTotpSecret(keyring, id, totpSecret) : null,
      // Codes from before the account existed never count.
      totpLastStep: totpSecret ? totpStep(now) - 1 : null,
      totpEnabledAt: totpSecret ? now : null,
    })
    .returning({ id: users.id });
  if (!row) throw new Error("user insert returned nothing");
  await audit(db, { clientIp: null, requestId: "account:add" }, null, {
    action: "account.created",
    subjectType: "user",
    subjectId: row.id,
    details: { email, role, municipality: municipality ?? null, totp: totpSecret !== null },
  });
  return {
    id: row.id,
    email,
    role,
    password,
    totp: totpSecret ? { secret: totpSecret, uri: otpauthUri({ secret: totpSecret, account: email }) } : null,
  };
}
