import { asc, eq, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { memberships, tenants } from "../../../db/schema";

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
