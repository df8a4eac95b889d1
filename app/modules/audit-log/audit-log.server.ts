import { desc, eq } from "drizzle-orm";
import { type Executor } from "../../../db/client";
import { auditLog } from "../../../db/schema";

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
