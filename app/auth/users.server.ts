import { randomUUID } from "node:crypto";
import type { Queryable } from "#db/client";
import { users, type User, type UserRole } from "#db/schema/index";
import { hashPassword } from "./password.server";
import { sealTotpSecret, type TotpKeyring } from "./totp-secrets.server";

export type StaffUserInput = {
  role: UserRole;
  email: string;
  name: string;
  password: string;
  municipalityId: string | null;
  /** The plain secret, stored sealed under `keyring` and bound to the new row's id. */
  totp?: { secret: string; keyring: TotpKeyring } | null;
  demo?: boolean;
};

/** Inserts a user with a hashed password (and a sealed authenticator secret); the seed and the test factories use it. */
export async function insertUser(db: Queryable, input: StaffUserInput): Promise<User> {
  const id = randomUUID();
  const [row] = await db
    .insert(users)
    .values({
      id,
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      municipalityId: input.municipalityId,
      passwordHash: await hashPassword(input.password),
      totpSecret: input.totp ? sealTotpSecret(input.totp.keyring, id, input.totp.secret) : null,
      demo: input.demo ?? false,
    })
    .returning();
  if (!row) throw new Error("user insert returned nothing");
  return row;
}
