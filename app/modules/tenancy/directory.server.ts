import { asc, eq, ilike, like, or, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { memberships, tenants } from "../../../db/schema";
import { escapeLike } from "~/utils/like";
import { recordAudit } from "../audit-log/audit-log.server";
import type { BarometerCategory } from "./categories";

export const DIRECTORY_PAGE_SIZE = 50;

/**
 * Structures for AFNOR staff (system context, no tenant filter by design), by name, a page at a
 * time; `query` matches a part of the name, the slug or the SIRET (spaces ignored).
 */
export async function listAllTenants({ query = "", page = 1 }: { query?: string; page?: number } = {}) {
  const text = query.trim();
  const digits = text.replace(/\s/g, "");
  const filter = text
    ? or(ilike(tenants.name, `%${escapeLike(text)}%`), ilike(tenants.slug, `%${escapeLike(text)}%`), /^\d+$/.test(digits) ? like(tenants.siret, `${digits}%`) : undefined)
    : undefined;
  const [rows, [count]] = await Promise.all([
    db()
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
      .where(filter)
      .groupBy(tenants.id)
      .orderBy(asc(tenants.name), asc(tenants.id))
      .limit(DIRECTORY_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * DIRECTORY_PAGE_SIZE),
    db().select({ total: sql<number>`count(*)::int` }).from(tenants).where(filter),
  ]);
  return { rows, total: count?.total ?? 0 };
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
