import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { oneTimeTokens } from "../../../db/schema";
import { generateRandomToken, hashSecretHex } from "./crypto.server";

export type TokenPurpose = "magic_link" | "password_reset" | "email_verification" | "proconnect_link";

export const tokenLifetimesMinutes: Record<TokenPurpose, number> = {
  magic_link: 15,
  password_reset: 60,
  email_verification: 24 * 60,
  proconnect_link: 15,
};

/**
 * Issues a single-use token; only its SHA-256 is stored. Returns the clear token for the e-mail link.
 * `payload`: what the token carries besides its user (e.g. the ProConnect identity to link).
 */
export async function issueToken(purpose: TokenPurpose, userId: string, executor: Executor = db(), lifetimeMinutes = tokenLifetimesMinutes[purpose], payload?: unknown) {
  const token = generateRandomToken(20);
  const expiresAt = new Date(Date.now() + lifetimeMinutes * 60_000);
  await executor.insert(oneTimeTokens).values({ purpose, userId, tokenHash: hashSecretHex(token), expiresAt, payload: payload ?? null });
  return { token, expiresAt };
}

/** Marks the token used (atomically: two concurrent uses cannot both succeed) and returns its user. */
export async function consumeToken(purpose: TokenPurpose, token: string, executor: Executor = db()) {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return null;
  const [row] = await executor
    .update(oneTimeTokens)
    .set({ usedAt: sql`now()` })
    .where(usable(purpose, token))
    .returning({ userId: oneTimeTokens.userId, payload: oneTimeTokens.payload });
  return row ?? null;
}

/** Checks a token without using it (to show a form before the final POST). */
export async function peekToken(purpose: TokenPurpose, token: string) {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return null;
  const [row] = await db()
    .select({ userId: oneTimeTokens.userId })
    .from(oneTimeTokens)
    .where(usable(purpose, token));
  return row ?? null;
}

/** The token's row, if it is of this purpose, unused and not expired. */
function usable(purpose: TokenPurpose, token: string) {
  return and(
    eq(oneTimeTokens.tokenHash, hashSecretHex(token)),
    eq(oneTimeTokens.purpose, purpose),
    isNull(oneTimeTokens.usedAt),
    gt(oneTimeTokens.expiresAt, sql`now()`),
  );
}
