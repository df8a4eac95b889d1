import { redirect } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { db } from "../../../db/client";
import { staffRoles } from "../../../db/schema";
import type { StaffRole } from "./staff-roles";
import { annotateRequest } from "../observability/request-context.server";
import { requestMemoKey } from "../observability/request-memo.server";
import {
  invalidateSession,
  readSessionToken,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  validateSessionToken,
  type SessionUser,
  type ValidatedSession,
  type ValidSession,
} from "./session.server";

export type Authenticated = { user: SessionUser; session: ValidSession };

const cache = new WeakMap<object, Promise<ValidatedSession | null>>();

/** The signed-in user of this request with their staff roles and structures, or null (validated once per request). */
export function getIdentity(request: Request): Promise<ValidatedSession | null> {
  const key = requestMemoKey(request);
  let pending = cache.get(key);
  if (!pending) {
    const token = readSessionToken(request);
    pending = token ? validateSessionToken(token) : Promise.resolve(null);
    pending.then((identity) => identity && annotateRequest({ userId: identity.user.id })).catch(() => {});
    cache.set(key, pending);
  }
  return pending;
}

/** The signed-in user of this request, or null. */
export async function getAuthenticated(request: Request): Promise<Authenticated | null> {
  const identity = await getIdentity(request);
  return identity && { user: identity.user, session: identity.session };
}

function loginUrl(request: Request) {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  return back === "/" ? "/connexion" : `/connexion?redirectTo=${encodeURIComponent(back)}`;
}

/** The signed-in user with their staff roles and structures; anonymous → login. */
export async function requireIdentity(request: Request): Promise<ValidatedSession> {
  const identity = await getIdentity(request);
  if (!identity) throw redirect(loginUrl(request));
  return identity;
}

export async function requireUser(request: Request): Promise<Authenticated> {
  const { user, session } = await requireIdentity(request);
  return { user, session };
}

export async function requireVerifiedUser(request: Request): Promise<Authenticated> {
  const auth = await requireUser(request);
  if (!auth.user.emailVerified) throw redirect("/mon-espace");
  return auth;
}

export async function requireAnonymous(request: Request) {
  if (await getAuthenticated(request)) throw redirect("/mon-espace");
}

/**
 * Answers a login: the session the browser held until now, if any, is terminated (never reused
 * nor carried over to the new identity, ASVS 7.2.4), then the new session cookie and a redirect.
 */
export async function startSessionResponse(request: Request, token: string, redirectTo: string) {
  const previous = readSessionToken(request);
  const current = previous ? await validateSessionToken(previous) : null;
  if (current) await invalidateSession(current.session.id);
  return redirect(redirectTo, { headers: { "Set-Cookie": serializeSessionCookie(token) } });
}

export async function logout(request: Request) {
  const auth = await getAuthenticated(request);
  if (auth) await invalidateSession(auth.session.id);
  return redirect("/", { headers: { "Set-Cookie": serializeBlankSessionCookie() } });
}

export { staffRoleNames, type StaffRole } from "./staff-roles";

export async function getStaffRoles(userId: string): Promise<StaffRole[]> {
  const rows = await db()
    .select({ role: staffRoles.role })
    .from(staffRoles)
    .where(and(eq(staffRoles.userId, userId), eq(staffRoles.active, true)));
  return rows.map((row) => row.role);
}

/**
 * AFNOR staff only. Anonymous → login; signed-in non-staff → 404 (the back-office is not
 * advertised); staff without one of the allowed roles → 403.
 */
export async function requireStaff(request: Request, allowed: readonly StaffRole[]) {
  const { user, session, staffRoles: roles } = await requireIdentity(request);
  if (roles.length === 0) throw new Response("Page introuvable", { status: 404 });
  if (!roles.some((role) => allowed.includes(role)))
    throw new Response("Votre rôle ne donne pas accès à cette page.", { status: 403 });
  return { user, session, roles };
}
