import { and, asc, desc, eq, gte, ilike, lt, or, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { auditLog, tenants, users } from "../../../db/schema";
import { escapeLike } from "~/utils/like";

export type AuditEntry = {
  tenantId: string | null;
  actorUserId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
};

/** Records who did what to which tenant's data; call it inside the transaction that makes the change. */
export async function recordAudit(executor: Executor, entry: AuditEntry) {
  await recordAudits(executor, [entry]);
}

/** Several entries in one statement (batch operations). */
export async function recordAudits(executor: Executor, entries: AuditEntry[]) {
  if (entries.length === 0) return;
  await executor.insert(auditLog).values(
    entries.map((entry) => ({
      tenantId: entry.tenantId,
      actorUserId: entry.actorUserId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })),
  );
}

export async function listTenantAudit(executor: Executor, tenantId: string, limit = 50) {
  return executor.select().from(auditLog).where(eq(auditLog.tenantId, tenantId)).orderBy(desc(auditLog.createdAt)).limit(limit);
}

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = {
  tenantId?: string;
  /** Part of a structure's name or slug. */
  structure?: string;
  /** Part of the actor's e-mail address. */
  actorEmail?: string;
  action?: string;
  /** Calendar days (YYYY-MM-DD) in Europe/Paris, both included. */
  from?: string;
  to?: string;
};

function auditWhere(filters: AuditFilters) {
  const structure = filters.structure?.trim();
  const actorEmail = filters.actorEmail?.trim();
  return and(
    filters.tenantId ? eq(auditLog.tenantId, filters.tenantId) : undefined,
    structure ? or(ilike(tenants.name, `%${escapeLike(structure)}%`), ilike(tenants.slug, `%${escapeLike(structure)}%`)) : undefined,
    actorEmail ? ilike(users.email, `%${escapeLike(actorEmail)}%`) : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    // A day is a Paris day: its bounds are converted to instants by PostgreSQL.
    filters.from ? gte(auditLog.createdAt, sql`(${filters.from}::date)::timestamp at time zone 'Europe/Paris'`) : undefined,
    filters.to ? lt(auditLog.createdAt, sql`(${filters.to}::date + 1)::timestamp at time zone 'Europe/Paris'`) : undefined,
  );
}

/**
 * The whole audit log for AFNOR admins (system context, every tenant by design), newest first, a
 * page at a time; `page` null returns every matching row (the CSV export).
 */
export async function searchAuditLog(filters: AuditFilters, page: number | null = 1, pageSize = AUDIT_PAGE_SIZE) {
  const query = db()
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      actorName: users.name,
      actorEmail: users.email,
      tenantName: tenants.name,
      tenantSlug: tenants.slug,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(tenants, eq(tenants.id, auditLog.tenantId))
    .where(auditWhere(filters))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .$dynamic();
  return page === null ? query : query.limit(pageSize).offset((Math.max(1, page) - 1) * pageSize);
}

export async function countAuditLog(filters: AuditFilters) {
  const [row] = await db()
    .select({ total: sql<number>`count(*)::int` })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(tenants, eq(tenants.id, auditLog.tenantId))
    .where(auditWhere(filters));
  return row?.total ?? 0;
}

/** Every action ever recorded, for the filter's list. */
export async function listAuditActions() {
  const rows = await db().selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
  return rows.map((row) => row.action);
}

/** Details as one short line of JSON (the full text stays in the CSV export). */
export function summarizeDetails(details: string | null, max = 160) {
  if (!details) return "";
  let text = details;
  try {
    text = JSON.stringify(JSON.parse(details), null, 1).replace(/\n\s*/g, " ");
  } catch {
    // Not JSON (an old row): shown as stored.
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

