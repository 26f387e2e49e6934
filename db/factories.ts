import { randomUUID } from "node:crypto";
import { hashPassword } from "#app/auth/password.server";
import type { Queryable } from "./client";
import { users, type User, type UserRole } from "./schema/index";

/** Builders shared by the seed and the tests, so both create data the same way. */

export type NewUserInput = {
  role: UserRole;
  email?: string;
  name?: string;
  password?: string;
  municipalityId?: string | null;
  totpSecret?: string | null;
};

export async function createUser(db: Queryable, input: NewUserInput): Promise<User & { password: string }> {
  const password = input.password ?? `pw-${randomUUID()}`;
  const [row] = await db
    .insert(users)
    .values({
      email: (input.email ?? `${input.role}-${randomUUID().slice(0, 8)}@example.test`).toLowerCase(),
      name: input.name ?? defaultName(input.role),
      role: input.role,
      municipalityId: input.role === "municipality_officer" ? (input.municipalityId ?? "amsterdam") : null,
      passwordHash: await hashPassword(password),
      totpSecret: input.totpSecret ?? null,
    })
    .returning();
  if (!row) throw new Error("user insert returned nothing");
  return { ...row, password };
}

function defaultName(role: UserRole): string {
  switch (role) {
    case "case_handler":
      return "Sanne Behandelaar";
    case "coordinator":
      return "Karim Coördinator";
    case "municipality_officer":
      return "Petra Klachtencoördinator";
  }
}
