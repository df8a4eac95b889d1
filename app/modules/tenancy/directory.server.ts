import { asc, eq, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { memberships, tenants } from "../../../db/schema";
import { recordAudit } from "../audit-log/audit-log.server";
import type { BarometerCategory } from "./categories";

/** Every structure, for AFNOR staff (system context, no tenant filter by design). */
export async function listAllTenants() {
  return db()
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      kind: tenants.kind,
      category: tenants.category,
      siret: tenants.siret,
      departementName: tenants.departementName,
      regionName: tenants.regionName,
      createdAt: tenants.createdAt,
      members: sql<number>`count(${memberships.userId})::int`,
    })
    .from(tenants)
    .leftJoin(memberships, eq(memberships.tenantId, tenants.id))
    .groupBy(tenants.id)
    .orderBy(asc(tenants.name));
}

/** Staff correct a structure's barometer category (it is otherwise derived, never typed by members). */
export async function setTenantCategory(actorUserId: string, tenantId: string, category: BarometerCategory) {
  return db().transaction(async (tx) => {
    const [before] = await tx.select({ category: tenants.category }).from(tenants).where(eq(tenants.id, tenantId)).for("update");
    if (!before) return false;
    await tx.update(tenants).set({ category }).where(eq(tenants.id, tenantId));
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "tenant.category_changed",
      targetType: "tenant",
      targetId: tenantId,
      details: { from: before.category, to: category },
    });
    return true;
  });
}
