import { eq, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { rateLimitHits } from "../../../db/schema";

/**
 * Fixed-window counters kept in the database, so every app instance shares them.
 * Limits are data: one place to read them all.
 */
export const rateLimits = {
  loginFailuresPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  loginFailuresPerIp: { limit: 50, windowSeconds: 15 * 60 },
  signupPerIp: { limit: 20, windowSeconds: 60 * 60 },
  emailLinkPerAccount: { limit: 5, windowSeconds: 15 * 60 },
  emailLinkPerIp: { limit: 30, windowSeconds: 15 * 60 },
} as const;

export type RateLimit = { limit: number; windowSeconds: number };
export type RateDecision = { allowed: boolean; retryAfterSeconds: number };

/** Counts one hit and tells whether it is still within the limit. */
export async function consume(key: string, rule: RateLimit): Promise<RateDecision> {
  const interval = `${rule.windowSeconds} seconds`;
  const [row] = await db()
    .insert(rateLimitHits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimitHits.key,
      set: {
        count: sql`case when ${rateLimitHits.windowStart} <= now() - ${interval}::interval then 1 else ${rateLimitHits.count} + 1 end`,
        windowStart: sql`case when ${rateLimitHits.windowStart} <= now() - ${interval}::interval then now() else ${rateLimitHits.windowStart} end`,
      },
    })
    .returning({
      count: rateLimitHits.count,
      retryAfter: sql<number>`greatest(0, ceil(extract(epoch from (${rateLimitHits.windowStart} + ${interval}::interval - now()))))::int`,
    });
  const count = row?.count ?? 1;
  return { allowed: count <= rule.limit, retryAfterSeconds: Number(row?.retryAfter ?? rule.windowSeconds) };
}

/** Tells whether the limit is already reached, without counting a hit. */
export async function peek(key: string, rule: RateLimit): Promise<RateDecision> {
  const interval = `${rule.windowSeconds} seconds`;
  const [row] = await db()
    .select({
      count: rateLimitHits.count,
      current: sql<boolean>`${rateLimitHits.windowStart} > now() - ${interval}::interval`,
      retryAfter: sql<number>`greatest(0, ceil(extract(epoch from (${rateLimitHits.windowStart} + ${interval}::interval - now()))))::int`,
    })
    .from(rateLimitHits)
    .where(eq(rateLimitHits.key, key));
  if (!row || !row.current) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: row.count < rule.limit, retryAfterSeconds: Number(row.retryAfter) };
}

export async function resetLimit(key: string) {
  await db().delete(rateLimitHits).where(eq(rateLimitHits.key, key));
}

export function tooManyAttemptsMessage(retryAfterSeconds: number) {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Trop de tentatives. Par sécurité, réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`;
}
