import { and, desc, eq, ne } from "drizzle-orm";
import { db } from "../../../db/client";
import { sessions, users } from "../../../db/schema";
import { env } from "~/env.server";
import { generateRandomToken, hashSecret, secretsEqual } from "./crypto.server";
import { SESSION_ABSOLUTE_LIFETIME_MS, needsRefresh, sessionState } from "./session-policy";

export type SessionUser = { id: string; email: string; name: string | null; emailVerified: boolean };
/** `impersonating`: an admin's "voir comme" is recorded on this session (read with it, no second query when not). */
export type ValidSession = { id: string; userId: string; createdAt: Date; lastVerifiedAt: Date; impersonating: boolean };

export function sessionCookieName() {
  return env().secureCookies ? "__Host-ec_session" : "ec_session";
}

/** `proconnectIdToken`: the ID token of a ProConnect login, kept for its logout (`id_token_hint`). */
export async function createSession(userId: string, meta: { userAgent: string | null; ipAddress: string | null; proconnectIdToken?: string }) {
  const id = generateRandomToken();
  const secret = generateRandomToken();
  const [row] = await db()
    .insert(sessions)
    .values({
      id,
      userId,
      secretHash: hashSecret(secret),
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
      ipAddress: meta.ipAddress,
      proconnectIdToken: meta.proconnectIdToken ?? null,
    })
    .returning();
  if (!row) throw new Error("session insert failed");
  return { token: `${id}.${secret}`, session: row };
}

export async function validateSessionToken(token: string): Promise<{ session: ValidSession; user: SessionUser } | null> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const [row] = await db()
    .select({ session: sessions, user: { id: users.id, email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  if (!row) return null;
  if (!secretsEqual(hashSecret(secret), row.session.secretHash)) return null;
  const now = new Date();
  if (sessionState(row.session, now) !== "valid") {
    await db().delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let lastVerifiedAt = row.session.lastVerifiedAt;
  if (needsRefresh(row.session, now)) {
    lastVerifiedAt = now;
    await db().update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, id));
  }
  return {
    session: { id, userId: row.session.userId, createdAt: row.session.createdAt, lastVerifiedAt, impersonating: row.session.impersonatedTenantId !== null },
    user: { id: row.user.id, email: row.user.email, name: row.user.name, emailVerified: row.user.emailVerifiedAt !== null },
  };
}

export async function invalidateSession(sessionId: string) {
  await db().delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSession(userId: string, sessionId: string) {
  const deleted = await db()
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

export async function invalidateAllUserSessions(userId: string, exceptSessionId?: string) {
  await db()
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
}

export async function listUserSessions(userId: string) {
  return db()
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastVerifiedAt: sessions.lastVerifiedAt,
      userAgent: sessions.userAgent,
      ipAddress: sessions.ipAddress,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastVerifiedAt));
}

export function serializeSessionCookie(token: string) {
  const parts = [
    `${sessionCookieName()}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.floor(SESSION_ABSOLUTE_LIFETIME_MS / 1000)}`,
  ];
  if (env().secureCookies) parts.push("Secure");
  return parts.join("; ");
}

export function serializeBlankSessionCookie() {
  const parts = [`${sessionCookieName()}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (env().secureCookies) parts.push("Secure");
  return parts.join("; ");
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const name = sessionCookieName();
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}
