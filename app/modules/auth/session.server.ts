import { and, desc, eq, ne, sql } from "drizzle-orm";
import { db, preparedPerDatabase, type Database } from "../../../db/client";
import { memberships, sessions, staffRoles, tenants, users } from "../../../db/schema";
import type { MemberRole } from "../tenancy/permissions";
import type { StaffRole } from "./staff-roles";
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
  const [[row]] = await Promise.all([
    db()
      .insert(sessions)
      .values({
        id,
        userId,
        secretHash: hashSecret(secret),
        userAgent: meta.userAgent?.slice(0, 400) ?? null,
        ipAddress: meta.ipAddress,
        proconnectIdToken: meta.proconnectIdToken ?? null,
      })
      .returning(),
    // A sign-in restarts the 3-year inactivity clock and withdraws a deletion notice (retention.server.ts).
    db().update(users).set({ lastLoginAt: sql`now()`, inactivityNoticeAt: null }).where(eq(users.id, userId)),
  ]);
  if (!row) throw new Error("session insert failed");
  return { token: `${id}.${secret}`, session: row };
}

/** A structure the session's user belongs to, with the role held there. */
export type SessionMembership = { id: string; slug: string; name: string; category: string; kind: string; certifications: string[]; role: MemberRole };
export type ValidatedSession = { session: ValidSession; user: SessionUser; staffRoles: StaffRole[]; memberships: SessionMembership[] };

/*
 * What every signed-in page needs to know about its user, in one statement: the session and its
 * user, the active staff roles and the structures (not deleted) the user belongs to, by name.
 * Every signed-in request reads it: the query is built once per database (building this select,
 * with its two subqueries, was 6–7 % of a signed-in page's CPU), then only executed.
 */
const readSessionQuery = preparedPerDatabase("read_session", (database) =>
  database
    .select({
      session: {
        userId: sessions.userId,
        secretHash: sessions.secretHash,
        createdAt: sessions.createdAt,
        lastVerifiedAt: sessions.lastVerifiedAt,
        impersonatedTenantId: sessions.impersonatedTenantId,
      },
      user: { id: users.id, email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt },
      staffRoles: sql<StaffRole[]>`coalesce((select json_agg(${staffRoles.role} order by ${staffRoles.role}) from ${staffRoles} where ${staffRoles.userId} = ${sessions.userId} and ${staffRoles.active}), '[]'::json)`,
      memberships: sql<SessionMembership[]>`coalesce((
        select json_agg(json_build_object('id', ${tenants.id}, 'slug', ${tenants.slug}, 'name', ${tenants.name}, 'category', ${tenants.category},
          'kind', ${tenants.kind}, 'certifications', ${tenants.certifications}, 'role', ${memberships.role}) order by ${tenants.name}, ${tenants.id})
        from ${memberships} join ${tenants} on ${tenants.id} = ${memberships.tenantId} and ${tenants.deletedAt} is null
        where ${memberships.userId} = ${sessions.userId}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .limit(1),
);

function readSession(database: Database, id: string) {
  return readSessionQuery(database).execute({ id });
}

export async function validateSessionToken(token: string): Promise<ValidatedSession | null> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const database = db();
  const [row] = await readSession(database, id);
  if (!row) return null;
  if (!secretsEqual(hashSecret(secret), row.session.secretHash)) return null;
  const now = new Date();
  if (sessionState(row.session, now) !== "valid") {
    await database.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let lastVerifiedAt = row.session.lastVerifiedAt;
  if (needsRefresh(row.session, now)) {
    lastVerifiedAt = now;
    await database.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, id));
  }
  return {
    session: { id, userId: row.session.userId, createdAt: row.session.createdAt, lastVerifiedAt, impersonating: row.session.impersonatedTenantId !== null },
    user: { id: row.user.id, email: row.user.email, name: row.user.name, emailVerified: row.user.emailVerifiedAt !== null },
    staffRoles: row.staffRoles,
    memberships: row.memberships,
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
