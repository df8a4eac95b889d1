import { and, eq, isNull, lte } from "drizzle-orm";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { db } from "../../../db/client";
import { sessions, tenants } from "../../../db/schema";
import { recordAudit } from "../audit-log/audit-log.server";
import { hashSecret, secretsEqual } from "./crypto.server";
import { getAuthenticated, getIdentity, type Authenticated } from "./guards.server";
import {
  allowedWhileImpersonating,
  formatParisTime,
  impersonationExpiry,
  impersonationState,
  IMPERSONATION_READ_ONLY_MESSAGE,
  type ImpersonationEndReason,
} from "./impersonation";
import { requestMemoKey } from "../observability/request-memo.server";
import { readSessionToken } from "./session.server";
import type { StaffRole } from "./staff-roles";

/*
 * "Voir comme": the consultation lives on the admin's own session (two columns), so it ends with
 * that session, never leaks to another browser, and every request can tell it is read-only.
 */

export type ActiveImpersonation = {
  tenant: { id: string; slug: string; name: string; category: string; kind: string; certifications: string[] };
  expiresAt: Date;
};

type StartOutcome = { ok: true; slug: string; expiresAt: Date } | { ok: false; status: 403 | 404; message: string };

/** Starts a read-only consultation of a structure on the admin's current session (replacing any other). */
export async function startImpersonation(staff: Authenticated & { roles: readonly StaffRole[] }, slug: string, now = new Date()): Promise<StartOutcome> {
  if (!staff.roles.includes("admin")) return { ok: false, status: 403, message: "Seuls les administrateurs peuvent consulter l'espace d'une structure." };
  const [tenant] = await db().select({ id: tenants.id, slug: tenants.slug }).from(tenants).where(and(eq(tenants.slug, slug), isNull(tenants.deletedAt))).limit(1);
  if (!tenant) return { ok: false, status: 404, message: "Structure introuvable" };
  const expiresAt = impersonationExpiry(now);
  await db().transaction(async (tx) => {
    const [current] = await tx
      .select({ tenantId: sessions.impersonatedTenantId, expiresAt: sessions.impersonationExpiresAt })
      .from(sessions)
      .where(eq(sessions.id, staff.session.id))
      .for("update");
    if (current?.tenantId && current.expiresAt) {
      const reason: ImpersonationEndReason = impersonationState(current, now) === "expired" ? "expiré" : "manuel";
      await recordAudit(tx, endedEntry(staff.user.id, current.tenantId, reason));
    }
    await tx.update(sessions).set({ impersonatedTenantId: tenant.id, impersonationExpiresAt: expiresAt }).where(eq(sessions.id, staff.session.id));
    await recordAudit(tx, {
      tenantId: tenant.id,
      actorUserId: staff.user.id,
      action: "impersonation.started",
      targetType: "tenant",
      targetId: tenant.id,
      details: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { ok: true, slug: tenant.slug, expiresAt };
}

function endedEntry(actorUserId: string, tenantId: string, reason: ImpersonationEndReason) {
  return { tenantId, actorUserId, action: "impersonation.ended", targetType: "tenant", targetId: tenantId, details: { reason } };
}

/**
 * Clears the consultation of a session and records its end, once: the update only matches the
 * structure that was read (and, for an expiry, a consultation that is indeed over), so two
 * concurrent requests noticing the same expiry log it once and never clear a newer consultation.
 */
async function closeImpersonation(sessionId: string, actorUserId: string, tenantId: string, reason: ImpersonationEndReason, now = new Date()) {
  return db().transaction(async (tx) => {
    const cleared = await tx
      .update(sessions)
      .set({ impersonatedTenantId: null, impersonationExpiresAt: null })
      .where(
        and(
          eq(sessions.id, sessionId),
          eq(sessions.impersonatedTenantId, tenantId),
          reason === "expiré" ? lte(sessions.impersonationExpiresAt, now) : undefined,
        ),
      )
      .returning({ id: sessions.id });
    if (cleared.length === 0) return false;
    await recordAudit(tx, endedEntry(actorUserId, tenantId, reason));
    return true;
  });
}

async function readColumns(sessionId: string) {
  const [row] = await db()
    .select({ tenantId: sessions.impersonatedTenantId, expiresAt: sessions.impersonationExpiresAt, tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name, category: tenants.category, kind: tenants.kind, certifications: tenants.certifications } })
    .from(sessions)
    .leftJoin(tenants, eq(tenants.id, sessions.impersonatedTenantId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return row ?? null;
}

/** Ends the consultation of the signed-in admin, if any; returns the structure's slug to go back to. */
export async function endImpersonation(request: Request): Promise<{ slug: string | null }> {
  const auth = await getAuthenticated(request);
  if (!auth) return { slug: null };
  cache.delete(requestMemoKey(request));
  const row = await readColumns(auth.session.id);
  if (!row?.tenantId || !row.expiresAt) return { slug: null };
  const now = new Date();
  const reason: ImpersonationEndReason = impersonationState(row, now) === "expired" ? "expiré" : "manuel";
  await closeImpersonation(auth.session.id, auth.user.id, row.tenantId, reason, now);
  return { slug: row.tenant?.slug ?? null };
}

const cache = new WeakMap<object, Promise<ActiveImpersonation | null>>();

/**
 * The consultation in progress on this request's session, or null. An expired one, or one whose
 * admin lost the admin role, is ended here (cleared and logged once) and reads as none.
 */
export function getImpersonation(request: Request): Promise<ActiveImpersonation | null> {
  const key = requestMemoKey(request);
  let pending = cache.get(key);
  if (!pending) {
    pending = readImpersonation(request);
    cache.set(key, pending);
  }
  return pending;
}

async function readImpersonation(request: Request): Promise<ActiveImpersonation | null> {
  const auth = await getIdentity(request);
  // The session row already told whether a consultation is recorded: most requests stop here.
  if (!auth?.session.impersonating) return null;
  const row = await readColumns(auth.session.id);
  if (!row?.tenantId || !row.expiresAt || !row.tenant) return null;
  const now = new Date();
  if (impersonationState(row, now) !== "active") {
    await closeImpersonation(auth.session.id, auth.user.id, row.tenantId, "expiré", now);
    return null;
  }
  // The staff roles were read with the session, in this request.
  if (!auth.staffRoles.includes("admin")) {
    await closeImpersonation(auth.session.id, auth.user.id, row.tenantId, "droits retirés");
    return null;
  }
  return { tenant: row.tenant, expiresAt: row.expiresAt };
}

/**
 * The global read-only rule: a writing request from a session with a consultation in progress is
 * refused. Only the session cookie is read (id and secret checked, nothing refreshed), and only for
 * writing methods, so reads cost nothing. Returns the refusal message, or null to let it through.
 */
export async function impersonationRefusal(input: { method: string; path: string; cookie: string | undefined }, now = new Date()): Promise<string | null> {
  if (allowedWhileImpersonating(input.method, input.path) || !input.cookie) return null;
  const token = readSessionToken(new Request("http://localhost/", { headers: { Cookie: input.cookie } }));
  const [id, secret, extra] = token?.split(".") ?? [];
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const [row] = await db()
    .select({ secretHash: sessions.secretHash, tenantId: sessions.impersonatedTenantId, expiresAt: sessions.impersonationExpiresAt })
    .from(sessions)
    .where(eq(sessions.id, id))
    .limit(1);
  if (!row || !secretsEqual(hashSecret(secret), row.secretHash)) return null;
  return impersonationState(row, now) === "active" ? IMPERSONATION_READ_ONLY_MESSAGE : null;
}

/** The Express middleware wired in server.ts, before Remix, for every route. */
export function impersonationReadOnly(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  impersonationRefusal({ method: req.method, path: req.path, cookie: req.get("cookie") })
    .then((refusal) => {
      if (!refusal) return next();
      res.status(403).type("text/plain; charset=utf-8").send(refusal);
    })
    .catch(next);
}

/** What the page shell's banner shows during a consultation, or null. */
export async function loadImpersonationBanner(request: Request) {
  const impersonation = await getImpersonation(request);
  return impersonation ? { tenantName: impersonation.tenant.name, until: formatParisTime(impersonation.expiresAt) } : null;
}
